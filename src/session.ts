// The signed-in state: which TokenSource (from settings), the account, and the PartnerCenterClient
// for it. Sets the `partnerCenter.signedIn` context key the welcome view and menus use.
import * as vscode from 'vscode';
import { plainText } from './partnerCenter/safeText';
import { showWarning } from './platform/notify';
import { CLOUDS, authorityFor, endpointProblem, PARTNER_CENTER_SCOPE, vscodeScopes } from './auth/clouds';
import { DeviceCodeTokenSource } from './auth/deviceCodeTokenSource';
import { MissingAppRegistrationError } from './auth/entraErrors';
import type { Account, TokenSource } from './auth/tokenSource';
import { notSignedIn, VsCodeTokenSource } from './auth/vscodeTokenSource';
import { PartnerCenterClient, PartnerCenterError, createDispatcher, isPartnerCenterError, signInRequestFor, type RequestLogEntry } from './partnerCenter';
import { effectiveLocale, readSettings, type PartnerCenterSettings } from './platform/config';
import { log } from './platform/log';

/** The app registration used for device-code sign-in against a local authority (the emulator). */
const EMULATOR_CLIENT_ID = '00000000-0000-0000-0000-00000000c0de';

export class Session implements vscode.Disposable {
  private source: TokenSource;
  private settings: PartnerCenterSettings;
  private account: Account | undefined;
  private partnerClient: PartnerCenterClient | undefined;
  private readonly changed = new vscode.EventEmitter<Account | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private restoring: Promise<Account | undefined> | undefined;
  private restoreFailure: unknown;
  private reconfiguring: Promise<void> | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.settings = readSettings();
    warnAboutSettings(this.settings);
    this.source = this.createSource();
    this.disposables.push(vscode.workspace.onDidChangeConfiguration((e) => {
      if (['cloud', 'clientId', 'tenant', 'authentication', 'endpoint', 'authority', 'locale', 'signInTimeoutSeconds'].some((k) => e.affectsConfiguration(`partnerCenter.${k}`))) {
        void this.reloadSettings();
      }
    }));
  }

  get current(): Account | undefined {
    return this.account;
  }

  get cloudLabel(): string {
    return this.settings.endpoint ? `${CLOUDS[this.settings.cloud].label} via ${this.settings.endpoint}` : CLOUDS[this.settings.cloud].label;
  }

  get method(): TokenSource['method'] {
    return this.source.method;
  }

  /**
   * Why the last silent restore found no account when that was not "signed out" (the provider did
   * not answer by the sign-in timeout); undefined otherwise. The Customers view shows it.
   */
  get restoreProblem(): unknown {
    return this.restoreFailure;
  }

  /** Restores a previous sign-in silently (no UI). Safe to call repeatedly. */
  restore(): Promise<Account | undefined> {
    this.restoring ??= this.source.restore().then(
      (account) => {
        this.restoreFailure = undefined;
        return this.setAccount(account);
      },
      (err: unknown) => {
        log().warn(`Could not restore the Partner Center sign-in: ${err instanceof Error ? err.message : String(err)}`);
        this.restoreFailure = err;
        return this.setAccount(undefined, true); // the views show why, not the welcome view
      },
    );
    return this.restoring;
  }

  async signIn(options: { switchAccount?: boolean; claims?: string; wwwAuthenticate?: string; reauthenticate?: boolean } = {}): Promise<Account> {
    const account = await this.source.signIn(options);
    this.restoring = Promise.resolve(account);
    this.restoreFailure = undefined;
    // A new sign-in for the same account still invalidates what failed with the old one (a revoked
    // token, a provider that stopped answering): the views reload. An MFA step-up (claims) does not
    // reload them: the call that asked for it repeats by itself (Session.call).
    return this.setAccount(account, options.reauthenticate === true || !options.claims) as Account;
  }

  async signOut(): Promise<void> {
    await this.source.signOut();
    this.restoring = Promise.resolve(undefined);
    const hadProblem = this.restoreFailure !== undefined;
    this.restoreFailure = undefined;
    this.setAccount(undefined, hadProblem); // a "could not restore" row goes too
  }

  /** The client for the signed-in account; a PartnerCenterError of kind 'auth' when signed out. */
  async client(): Promise<PartnerCenterClient> {
    await this.restore();
    if (!this.account) throw notSignedIn();
    this.partnerClient ??= this.createClient();
    return this.partnerClient;
  }

  /**
   * Runs a Partner Center call; when the service answers with an MFA claims challenge, signs in again
   * interactively once (the user started this action) and retries.
   */
  async call<T>(fn: (client: PartnerCenterClient) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.client());
    } catch (err) {
      if (!isPartnerCenterError(err) || err.kind !== 'mfaRequired') throw err;
      log().info('Partner Center asked for multi-factor authentication; signing in again.');
      await this.signIn(signInRequestFor(err) ?? {});
      return fn(await this.client());
    }
  }

  private setAccount(account: Account | undefined, renewed = false): Account | undefined {
    const changed = renewed || account?.id !== this.account?.id;
    this.account = account;
    if (changed) this.partnerClient = undefined;
    void vscode.commands.executeCommand('setContext', 'partnerCenter.signedIn', !!account);
    if (changed) this.changed.fire(account);
    return account;
  }

  private createSource(): TokenSource {
    const s = this.settings;
    const cloud = CLOUDS[s.cloud];
    let source: TokenSource;
    log().info(`Sign-in: ${s.authentication === 'deviceCode' ? `device code at ${authorityFor(s.cloud, s.tenant, s.authority)}` : `VS Code's ${cloud.vscodeProvider} provider`}; cloud ${s.cloud}${s.endpoint ? `, endpoint ${s.endpoint}` : ''}`);
    if (s.authentication === 'deviceCode') {
      const authority = authorityFor(s.cloud, s.tenant, s.authority);
      source = new DeviceCodeTokenSource(this.context.secrets, {
        authority,
        clientId: s.clientId || (s.authority ? EMULATOR_CLIENT_ID : ''),
        scopes: [PARTNER_CENTER_SCOPE],
        dispatcher: () => createDispatcher(authority, proxySettings()),
      }, s.signInTimeoutSeconds * 1000);
      if (!s.clientId && !s.authority) return new MissingClientIdSource(source);
    } else {
      source = new VsCodeTokenSource(cloud.vscodeProvider, vscodeScopes(s.clientId, s.tenant), this.context.globalState, s.signInTimeoutSeconds * 1000);
    }
    source.onDidChangeAccount(() => {
      this.restoring = undefined;
      void this.restore();
    });
    return source;
  }

  private createClient(): PartnerCenterClient {
    const s = this.settings;
    const baseUrl = s.endpoint || CLOUDS[s.cloud].restBaseUrl;
    const problem = s.endpoint ? endpointProblem(s.endpoint) : undefined;
    if (problem) throw new PartnerCenterError('validation', vscode.l10n.t('partnerCenter.endpoint is not used: {0}', problem));
    const ext = this.context.extension.packageJSON as { name: string; version: string };
    return new PartnerCenterClient({
      baseUrl,
      getToken: (signal, options) => this.source.getToken(signal, options),
      locale: effectiveLocale(s),
      application: `${ext.name}/${ext.version}`,
      dispatcher: createDispatcher(baseUrl, proxySettings()),
      tenantId: this.account?.tenantId ?? baseUrl,
      tokenDeadlineMs: s.signInTimeoutSeconds * 1000,
      logger: logRequest,
    });
  }

  /**
   * Applies changed settings (sign-in method, app registration, endpoint…): a new token source and
   * client. A no-op when nothing changed, so a command that writes settings and then calls this does
   * not race the configuration event.
   */
  reloadSettings(): Promise<void> {
    const next = readSettings();
    if (JSON.stringify(next) !== JSON.stringify(this.settings)) this.reconfiguring = this.reconfigure(next);
    return this.reconfiguring ?? Promise.resolve();
  }

  private async reconfigure(next: PartnerCenterSettings): Promise<void> {
    this.settings = next;
    warnAboutSettings(this.settings);
    this.source.dispose();
    this.source = this.createSource();
    this.partnerClient = undefined;
    this.restoring = undefined;
    this.account = undefined;
    await this.restore();
    this.changed.fire(this.account);
  }

  dispose(): void {
    this.source.dispose();
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** A setting that is not used says so once per change, with where to fix it. */
function warnAboutSettings(s: PartnerCenterSettings): void {
  if (s.invalidLocale === undefined) return;
  const message = vscode.l10n.t('partnerCenter.locale "{0}" is not a language tag such as en-US or de-DE; it is ignored and Partner Center messages follow VS Code\'s display language.', plainText(s.invalidLocale));
  log().warn(message);
  const open = vscode.l10n.t('Open Setting');
  void showWarning(message, open).then((choice) => {
    if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', 'partnerCenter.locale');
  });
}

function proxySettings() {
  const http = vscode.workspace.getConfiguration('http');
  return { proxy: http.get<string>('proxy', ''), proxyStrictSSL: http.get<boolean>('proxyStrictSSL', true) };
}

function logRequest(e: RequestLogEntry): void {
  const line = `${e.method} ${e.path} → ${e.status ?? e.errorKind ?? '?'} in ${e.durationMs} ms (attempt ${e.attempt}) MS-RequestId ${e.requestId} MS-CorrelationId ${e.correlationId}`;
  if (e.status !== undefined && e.status < 400) log().debug(line);
  else log().info(line);
}

/** Device-code sign-in against Microsoft needs the user's app registration. */
class MissingClientIdSource implements TokenSource {
  readonly method = 'deviceCode' as const;
  readonly onDidChangeAccount: vscode.Event<void>;
  constructor(private readonly inner: TokenSource) {
    this.onDidChangeAccount = inner.onDidChangeAccount;
  }
  restore(): Promise<Account | undefined> {
    return Promise.resolve(undefined);
  }
  signIn(): Promise<Account> {
    return Promise.reject(new MissingAppRegistrationError());
  }
  getToken(): Promise<string> {
    return Promise.reject(notSignedIn());
  }
  signOut(): Promise<void> {
    return this.inner.signOut();
  }
  dispose(): void {
    this.inner.dispose();
  }
}
