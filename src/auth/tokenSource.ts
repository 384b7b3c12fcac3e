// Who the user is. A TokenSource hands out Partner Center access tokens for one sign-in method;
// the session (src/session.ts) picks the method from settings. Tokens never leave this layer except
// as the Authorization header the client builds.
import type * as vscode from 'vscode';

export interface Account {
  /** What the user recognises: the sign-in name. */
  label: string;
  id: string;
  tenantId?: string;
}

export interface SignInOptions {
  /** A claims challenge from the service (MFA required): forces an interactive sign-in with it. */
  claims?: string;
  /** The service's own WWW-Authenticate challenge carrying those claims, when it sent one. */
  wwwAuthenticate?: string;
  /** Let the user pick another account. */
  switchAccount?: boolean;
  /** Partner Center refused the current token: sign in anew instead of reusing the cached session. */
  reauthenticate?: boolean;
  signal?: AbortSignal;
}

export interface TokenSource extends vscode.Disposable {
  readonly method: 'vscode' | 'deviceCode';
  /** The signed-in account without any UI, or undefined. */
  restore(): Promise<Account | undefined>;
  /** Interactive: only ever called from a user gesture. */
  signIn(options?: SignInOptions): Promise<Account>;
  /** Silent: a token for the current account; throws a PartnerCenterError of kind 'auth' when there is none. */
  getToken(signal?: AbortSignal, options?: { forceRefresh?: boolean }): Promise<string>;
  signOut(): Promise<void>;
  /** Fires when the account behind this source changed outside our commands (e.g. the Accounts menu). */
  readonly onDidChangeAccount: vscode.Event<void>;
}
