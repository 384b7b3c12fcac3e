// Every error the emulator's REST API can answer, in one table (the README lists the same).
// Partner Center mixes numeric and string codes; so does this table, on purpose.

export interface ErrorBody {
  code: number | string;
  description: string;
  data: unknown[];
  source: 'PartnerFD';
}

export interface ErrorKind {
  status: number;
  code: number | string;
}

export const ERRORS = {
  /** Malformed path id, query parameter (size, filter, relationship_type) or continuation token. */
  invalidParameter: { status: 400, code: 20002 },
  /** Request body is not JSON, or a body field is malformed (GUID, MPN id, Name). */
  invalidBody: { status: 400, code: 20003 },
  /** SupportTenantId/SupportMpnId is not an Active indirect reseller of the partner. */
  notAnIndirectReseller: { status: 400, code: 'InvalidSupportContact' },
  /** Support contacts are not supported for new-commerce (NCE) subscriptions. */
  nceNotSupported: { status: 400, code: 'NewCommerceNotSupported' },
  /** Missing, malformed, unknown, expired, wrong-audience or foreign-tenant token. */
  unauthorized: { status: 401, code: 900150 },
  /** Token without multi-factor authentication (also sends WWW-Authenticate with claims). */
  insufficientClaims: { status: 401, code: 'InsufficientClaims' },
  /** MFA as it arrives since 2026 (CSP tooling vendors' reports): a plain 401, no claims challenge. */
  mfaRequired: { status: 401, code: 900421 },
  /** MFA as older answers put it: "MFA required". */
  mfaRequiredLegacy: { status: 401, code: 10001 },
  /** Customer unknown to this partner. */
  customerNotFound: { status: 404, code: 600008 },
  /** Subscription unknown for this customer. */
  subscriptionNotFound: { status: 404, code: 'SubscriptionNotFound' },
  /** The subscription has no support contact (GET). */
  supportContactNotFound: { status: 404, code: 'SupportContactNotFound' },
  /** No such route. */
  routeNotFound: { status: 404, code: 'ResourceNotFound' },
  /** Known route, unsupported method. */
  methodNotAllowed: { status: 405, code: 'MethodNotAllowed' },
  /** Subscription is not active (suspended, deleted, expired, disabled, pending). */
  subscriptionNotActive: { status: 409, code: 800002 },
  /** Body over 1 MB. */
  payloadTooLarge: { status: 413, code: 'PayloadTooLarge' },
  /** Throttled (bucket empty, or injected): sends Retry-After. */
  tooManyRequests: { status: 429, code: 'TooManyRequests' },
  /** Injected fault. */
  internalError: { status: 500, code: 'InternalServerError' },
  /** Injected fault. */
  serviceUnavailable: { status: 503, code: 'ServiceUnavailable' },
} as const satisfies Record<string, ErrorKind>;

export type ErrorName = keyof typeof ERRORS;

export function errorBody(name: ErrorName, description: string): ErrorBody {
  return { code: ERRORS[name].code, description, data: [], source: 'PartnerFD' };
}
