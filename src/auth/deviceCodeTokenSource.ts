// Device-code sign-in (msal-node, lazy-loaded) for places VS Code's Microsoft provider cannot serve:
// code-server, SSH, restricted tenants. The msal token cache lives in SecretStorage.
import * as vscode from 'vscode';
import { showInfo, withProgress } from '../platform/notify';
import type { DeviceCodeAuth, DeviceCodePrompt, DeviceCodeOptions } from './deviceCodeChunk';
import { lazyRequire } from '../platform/lazy';
import { log, redact } from '../platform/log';
import { TOKEN_DEADLINE_MS, waitForToken } from '../partnerCenter';
import type { Account, SignInOptions, TokenSource } from './tokenSource';
import { notSignedIn } from './vscodeTokenSource';

const CACHE_KEY = 'partnerCenter.deviceCode.tokenCache';

export class DeviceCodeTokenSource implements TokenSource {
  readonly method = 'deviceCode' as const;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeAccount = this.changed.event;
  private auth: DeviceCodeAuth | undefined;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly options: Omit<DeviceCodeOptions, 'cacheStore' | 'log' | 'dispatcher'> & { dispatcher?: () => DeviceCodeOptions['dispatcher'] },
    /** How long a silent token (cache, or a refresh through the network) may take. */
    private readonly deadlineMs = TOKEN_DEADLINE_MS,
  ) {}

  private load(): DeviceCodeAuth {
    if (!this.auth) {
      const { DeviceCodeAuth: Impl } = lazyRequire<{ DeviceCodeAuth: typeof DeviceCodeAuth }>('deviceCode');
      this.auth = new Impl({
        ...this.options,
        dispatcher: this.options.dispatcher?.(),
        cacheStore: { read: () => Promise.resolve(this.secrets.get(CACHE_KEY)), write: (v) => Promise.resolve(this.secrets.store(CACHE_KEY, v)) },
        log: (level, message) => log()[level](`[sign-in] ${redact(message)}`),
      });
    }
    return this.auth;
  }

  async restore(): Promise<Account | undefined> {
    if (!(await this.secrets.get(CACHE_KEY))) return undefined; // nothing cached: don't load msal at all
    const token = await this.silentToken(undefined, false).catch(() => undefined);
    return token ? { label: token.account.username, id: token.account.homeAccountId, tenantId: token.account.tenantId } : undefined;
  }

  async signIn(options: SignInOptions = {}): Promise<Account> {
    if (options.switchAccount) await this.signOut();
    const token = await withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Partner Center device-code sign-in'), cancellable: true },
      async (progress, cancel) => {
        const abort = new AbortController();
        cancel.onCancellationRequested(() => abort.abort());
        progress.report({ message: vscode.l10n.t('Requesting a code…') });
        return this.load().signIn((p) => void this.showCode(p, progress), abort.signal, options.claims);
      },
    );
    this.changed.fire();
    return { label: token.account.username, id: token.account.homeAccountId, tenantId: token.account.tenantId };
  }

  private async showCode(p: DeviceCodePrompt, progress: vscode.Progress<{ message?: string }>): Promise<void> {
    progress.report({ message: vscode.l10n.t('Enter code {0} at {1} — waiting…', p.userCode, p.verificationUri) });
    const copyAndOpen = vscode.l10n.t('Copy & Open');
    const choice = await showInfo(
      vscode.l10n.t('To sign in to Partner Center, enter the code {0} at {1}.', p.userCode, p.verificationUri),
      copyAndOpen,
    );
    if (choice === copyAndOpen) {
      await vscode.env.clipboard.writeText(p.userCode);
      await vscode.env.openExternal(vscode.Uri.parse(p.verificationUri));
    }
  }

  async getToken(signal?: AbortSignal, options: { forceRefresh?: boolean } = {}): Promise<string> {
    const token = await this.silentToken(signal, options.forceRefresh ?? false);
    if (!token) throw notSignedIn();
    return token.accessToken;
  }

  /** msal's silent request cannot be cancelled: the wait for it ends at the deadline or on Cancel. */
  private silentToken(signal: AbortSignal | undefined, forceRefresh: boolean) {
    return waitForToken(() => this.load().getToken(forceRefresh), { signal, deadlineMs: this.deadlineMs });
  }

  async signOut(): Promise<void> {
    if (await this.secrets.get(CACHE_KEY)) await this.load().signOut();
    await this.secrets.delete(CACHE_KEY);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
