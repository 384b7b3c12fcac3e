// Every error the emulator's REST API can answer, in one table (the README lists the same).
// Documented rows use the status, code and wording of the Partner Center error-code table
// (../shared/real-examples/error-codes.tsv, from develop/error-codes.md); the few answers the docs
// give no code for carry a string code marked emulator-only, so they can never be mistaken for a
// documented number. `source` says which is which (the contract test checks documented rows
// against the table).

export interface ErrorBody {
  code: number | string;
  description: string;
  data: unknown[];
  source: 'PartnerFD';
}

export type ErrorSource = 'documented' | 'reported' | 'emulator-only';

export interface ErrorKind {
  status: number;
  code: number | string;
  source: ErrorSource;
}

export const ERRORS = {
  /** Malformed path id, query parameter (size, filter, seekOperation, relationship_type), continuation token or PUT body. */
  invalidInput: { status: 400, code: 800002, source: 'documented' },
  /** SupportTenantId/SupportMpnId is not a pair of one of the partner's indirect resellers. */
  notAnIndirectReseller: { status: 400, code: 800016, source: 'documented' },
  /** The reseller's relationship (program status) is not Active. */
  resellerNotActive: { status: 403, code: 800039, source: 'documented' },
  /** The indirect reseller has not accepted the Microsoft Partner Agreement (errorCode fault). */
  mpaNotAccepted: { status: 403, code: 900123, source: 'documented' },
  /** The signed-in user's role lacks the rights (errorCode fault). */
  roleLacksRights: { status: 403, code: 900150, source: 'documented' },
  /** Support contacts are not supported for new-commerce (NCE) subscriptions: the docs give no code. */
  nceNotSupported: { status: 400, code: 'NewCommerceNotSupported', source: 'emulator-only' },
  /** No Authorization header, or not a Bearer token. */
  tokenMissing: { status: 401, code: 800001, source: 'documented' },
  /** Unknown, revoked, expired, wrong-audience or foreign-tenant token ("Access denied", 401/400 in the table). */
  unauthorized: { status: 401, code: 400, source: 'documented' },
  /** Token without multi-factor authentication (also sends WWW-Authenticate with claims). */
  insufficientClaims: { status: 401, code: 'InsufficientClaims', source: 'emulator-only' },
  /** MFA as it arrives since 2026 (CSP tooling vendors' reports): a plain 401, no claims challenge. */
  mfaRequired: { status: 401, code: 900421, source: 'reported' },
  /** MFA as older answers put it: "MFA required". */
  mfaRequiredLegacy: { status: 401, code: 10001, source: 'reported' },
  /** Customer unknown to this partner: no commerce relationship with it. */
  noCommerceRelationship: { status: 403, code: 20002, source: 'documented' },
  /** Subscription unknown for this customer. */
  subscriptionNotFound: { status: 404, code: 20003, source: 'documented' },
  /** PUT support contact on a deleted subscription. */
  deletedSubscription: { status: 400, code: 2011, source: 'documented' },
  /** PUT support contact on a suspended subscription. */
  suspendedSubscription: { status: 400, code: 800091, source: 'documented' },
  /** PUT support contact on a subscription in another status that is not active (pending, none). */
  subscriptionNotActive: { status: 400, code: 800012, source: 'documented' },
  /** No such route. */
  routeNotFound: { status: 404, code: 1000, source: 'documented' },
  /** Known route, unsupported method. */
  methodNotAllowed: { status: 405, code: 'MethodNotAllowed', source: 'emulator-only' },
  /** Body over 1 MB. */
  payloadTooLarge: { status: 413, code: 'PayloadTooLarge', source: 'emulator-only' },
  /** Injected fault ("Unexpected service error"). */
  internalError: { status: 500, code: 800003, source: 'documented' },
  /** Injected fault: the docs list no 503. */
  serviceUnavailable: { status: 503, code: 'ServiceUnavailable', source: 'emulator-only' },
} as const satisfies Record<string, ErrorKind>;

export type ErrorName = keyof typeof ERRORS;

/** The table's wording, used when a documented error is injected with the errorCode fault. */
const DOCUMENTED_TEXT: Partial<Record<ErrorName, string>> = {
  invalidInput: 'Invalid request input',
  notAnIndirectReseller: 'MPN Id is not a valid Indirect Reseller',
  resellerNotActive: 'Reseller program status is not active',
  mpaNotAccepted: 'Microsoft Partner Agreement has not been accepted by the indirect reseller',
  roleLacksRights: 'The supplied role does not have the rights to perform the requested operation',
  tokenMissing: 'Partner Token missing in request context',
  unauthorized: 'Access denied',
  noCommerceRelationship: 'The partner id {0} has no commerce relationship with the customer id {1}.',
  subscriptionNotFound: 'Subscription with id {0} not found.',
  deletedSubscription: 'Subscription with id {0} and deleted status cannot be updated.',
  suspendedSubscription: 'Cannot update a subscription with suspended status',
  subscriptionNotActive: 'This subscription is not an active subscription',
  routeNotFound: 'Not found',
  internalError: 'Unexpected service error',
};

/** A documented (numeric) code the errorCode fault can inject → its name and the table's text. */
export function injectableError(code: number): { name: ErrorName; text: string } | undefined {
  const name = (Object.keys(DOCUMENTED_TEXT) as ErrorName[]).find((n) => ERRORS[n].code === code);
  return name ? { name, text: DOCUMENTED_TEXT[name] as string } : undefined;
}

export const INJECTABLE_CODES: readonly number[] = (Object.keys(DOCUMENTED_TEXT) as ErrorName[]).map((n) => ERRORS[n].code as number);

export function errorBody(name: ErrorName, description: string): ErrorBody {
  return { code: ERRORS[name].code, description, data: [], source: 'PartnerFD' };
}

/** The documented 429 body (api-throttling-guidance.md): not the ApiFault shape. */
export function throttledBody(retryAfterSeconds: number): { statusCode: 429; message: string } {
  return { statusCode: 429, message: `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.` };
}
