// Sign-in through VS Code's Microsoft authentication provider (or `microsoft-sovereign-cloud` for US
// Government and China). `createIfNone` only on a user gesture; `silent` everywhere else.
import * as vscode from 'vscode';
import { isPartnerCenterError, PartnerCenterError, TOKEN_DEADLINE_MS, waitForToken } from '../partnerCenter';
import { challengeFor } from './challenges';
import type { Account, SignInOptions, TokenSource } from './tokenSource';

const SIGNED_OUT_KEY = 'partnerCenter.vscodeAuth.signedOut';

export class VsCodeTokenSource implements TokenSource {
  readonly method = 'vscode' as const;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeAccount = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private account: vscode.AuthenticationSessionAccountInformation | undefined;

  constructor(
    private readonly providerId: 'microsoft' | 'microsoft-sovereign-cloud',
    private readonly scopes: string[],
    private readonly state: vscode.Memento,
    /** How long a silent getSession may take (a provider that never answers ends there). */
    private readonly deadlineMs = TOKEN_DEADLINE_MS,
  ) {
    this.subscription = vscode.authentication.onDidChangeSessions((e) => {
      if (e.provider.id === this.providerId) this.changed.fire();
    });
  }

  async restore(): Promise<Account | undefined> {
    if (this.state.get<boolean>(SIGNED_OUT_KEY)) return undefined;
    // No session, or a provider that refuses a silent request: signed out, the welcome view. A
    // provider that does not answer by the deadline is not "signed out": the caller says so.
    const session = await this.silentSession(undefined).then(undefined, (err: unknown) => {
      if (isPartnerCenterError(err) && err.signInStalled) throw err;
      return undefined;
    });
    this.account = session?.account;
    return session ? toAccount(session) : undefined;
  }

  async signIn(options: SignInOptions = {}): Promise<Account> {
    let session: vscode.AuthenticationSession;
    if (options.claims) {
      // The provider must see what the token lacks (VS Code 1.105's auth challenges): the service's
      // own WWW-Authenticate, or one asking for the MFA claims; a bare new session could be another
      // token without them.
      session = await vscode.authentication.getSession(
        this.providerId,
        { wwwAuthenticate: challengeFor(options), fallbackScopes: this.scopes },
        { forceNewSession: { detail: vscode.l10n.t('Partner Center requires you to sign in again with multi-factor authentication.') } },
      );
    } else if (options.reauthenticate) {
      // VS Code's provider would hand back the cached session, whose token Partner Center refuses.
      session = await vscode.authentication.getSession(this.providerId, this.scopes, {
        forceNewSession: { detail: vscode.l10n.t('Partner Center no longer accepts your current sign-in (it may have been revoked, e.g. by a password change). Sign in again.') },
      });
    } else if (options.switchAccount) {
      session = await vscode.authentication.getSession(this.providerId, this.scopes, { clearSessionPreference: true, createIfNone: true });
    } else {
      session = await vscode.authentication.getSession(this.providerId, this.scopes, { createIfNone: true });
    }
    await this.state.update(SIGNED_OUT_KEY, false);
    this.account = session.account;
    return toAccount(session);
  }

  async getToken(signal?: AbortSignal): Promise<string> {
    if (this.state.get<boolean>(SIGNED_OUT_KEY)) throw notSignedIn();
    const session = await this.silentSession(signal);
    if (!session) throw notSignedIn();
    return session.accessToken;
  }

  /** getSession cannot be cancelled: the wait for it ends at the deadline or on Cancel all the same. */
  private silentSession(signal: AbortSignal | undefined): Promise<vscode.AuthenticationSession | undefined> {
    const options = { silent: true, ...(this.account ? { account: this.account } : {}) };
    return waitForToken(() => vscode.authentication.getSession(this.providerId, this.scopes, options), { signal, deadlineMs: this.deadlineMs });
  }

  /** Extensions cannot delete VS Code's Microsoft sessions; we stop using it until the next sign-in. */
  async signOut(): Promise<void> {
    this.account = undefined;
    await this.state.update(SIGNED_OUT_KEY, true);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function toAccount(session: vscode.AuthenticationSession): Account {
  return { label: session.account.label, id: session.account.id };
}

export function notSignedIn(): PartnerCenterError {
  return new PartnerCenterError('auth', vscode.l10n.t('You are not signed in to Partner Center.'));
}
