// What VS Code's provider is asked when Partner Center wants more than the current token: the
// service's own WWW-Authenticate challenge, or one built from the MFA claims when it sent none
// (the 900421 answer), for VS Code 1.105's getSession(provider, { wwwAuthenticate, fallbackScopes }).
// Plain code (no vscode), so unit tests use it.
import { claimsChallenge, MFA_CLAIMS, type SignInRequest } from '../partnerCenter';

/** The WWW-Authenticate value VS Code's provider gets for a sign-in that must satisfy claims. */
export function challengeFor(request: Pick<SignInRequest, 'claims' | 'wwwAuthenticate'>): string {
  return request.wwwAuthenticate ?? claimsChallenge(request.claims || MFA_CLAIMS);
}
