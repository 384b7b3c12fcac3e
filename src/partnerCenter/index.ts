// Public API of the Partner Center client (plain Node; no vscode import).
export { PartnerCenterClient } from './client';
export type { PartnerCenterClientOptions, CustomerSearchField, CustomerFilter, ListCustomersOptions, OrganizationProfile } from './client';
export type { OperationContext, RequestLogEntry, RetryWaitInfo, TokenProvider } from './caller';
export { PartnerCenterError, isPartnerCenterError, toUserMessage, documentedError, details, errorFromAnswer, signInRequestFor, parseSignInRequest, claimsChallenge, MFA_CLAIMS } from './errors';
export type { SignInRequest, DocumentedError, NextAction } from './errors';
export type { PartnerCenterErrorKind } from './errors';
export { isGuid, sameId, isMpnId, isValidName, maxNameLength, validateSupportContact, paths } from './ids';
export type { SupportContactInput, SupportContactIssue, SupportContactProblem, SupportContactValidation } from './ids';
export * from './models';
export { changeBlocker, customerName, isCompleteContact, sameContact, subscriptionName } from './rules';
export type { ContactFields } from './rules';
export { describeContact, notEditableReason } from './text';
export { TenantLimiter, limiterForTenant, delay } from './throttle';
export type { LimiterOptions } from './throttle';
export type { RetryOptions } from './retry';
export { createDispatcher, proxyFor, bypassesProxy } from './proxy';
export type { ProxySettings } from './proxy';
export { parseJsonTolerant } from './http';
