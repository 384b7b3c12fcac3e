// One support-contact editor panel (one per subscription): answers the page's requests, loads the
// data through the session, and runs the save (re-read, conflict check, PUT). The page only ever
// gets data and plain-language errors; tokens stay in the session.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { recordSupportContactChange } from '../commands/changeRecorder';
import { isCancellation } from '../commands/wrap';
import type { OperationContext, RetryWaitInfo } from '../partnerCenter';
import { log, redact } from '../platform/log';
import type { Session } from '../session';
import { matchingReseller, sameContact } from './shared/contactRules';
import { buildEditorHtml, makeNonce } from './html';
import { loadEditorData, toContactView, toErrorView } from './loader';
import { pageStringTable } from './pageStringTable';
import type { ContactView, EditorData, EditorTarget, HostMessage, PageMessage, SaveRequest } from './shared/protocol';
import { parsePageMessage } from './validate';

export interface EditorHooks { onDidUpdate(customerId: string, subscriptionId: string): void }

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    retainContextWhenHidden: false, // the page keeps its state with getState/setState
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export const targetKey = (t: EditorTarget): string => `${t.customerId}/${t.subscriptionId}`.toLowerCase();

export class SupportContactEditor implements vscode.Disposable {
  private data: EditorData | undefined;
  private loading: Promise<EditorData> | undefined;
  /** The contact the form was opened with (or the latest one the user has seen). */
  private baseline: ContactView | null = null;
  private saving = false;
  private lastErrorDetails = '';
  /** A save outcome the page did not receive (it was hidden); re-sent on its next `ready`. */
  private undelivered: HostMessage | undefined;
  private readonly abort = new AbortController();
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly target: EditorTarget,
    private readonly extensionUri: vscode.Uri,
    private readonly session: Session,
    private readonly hooks: EditorHooks,
    onDispose: () => void,
  ) {
    panel.webview.options = webviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'partner-center.svg');
    panel.webview.html = this.html(panel.title);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const msg = parsePageMessage(raw);
        if (!msg) {
          log().warn('Support contact editor: ignored a message that is not part of the protocol.');
          return;
        }
        this.handle(msg).catch((err: unknown) => log().error(`Support contact editor: ${redact(String(err))}`));
      }),
      panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
    );
  }

  reveal(): void {
    this.panel.reveal();
  }

  private html(title: string): string {
    const webview = this.panel.webview;
    const uri = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...p)).toString();
    return buildEditorHtml({
      cspSource: webview.cspSource, nonce: makeNonce(), title, strings: pageStringTable(), lang: vscode.env.language,
      scriptUri: uri('dist', 'webview', 'editor.js'), styleUri: uri('media', 'editor.css'),
    });
  }

  private post(msg: HostMessage): Promise<boolean> {
    if (this.disposed) return Promise.resolve(false);
    return Promise.resolve(this.panel.webview.postMessage(msg)).then((ok) => ok, () => false);
  }

  private async handle(msg: PageMessage): Promise<void> {
    switch (msg.type) {
      case 'ready': {
        await this.post({ type: 'loading', replyTo: msg.id, target: this.target });
        await this.sendState(msg.id, false);
        if (this.saving) await this.post({ type: 'progress', replyTo: msg.id, message: vscode.l10n.t('Saving the support contact…') });
        const pending = this.undelivered;
        if (pending && await this.post(pending)) this.undelivered = undefined;
        return;
      }
      case 'reload': return this.sendState(msg.id, true);
      case 'save': return this.save(msg);
      case 'cancel': this.panel.dispose(); return;
      case 'copyDetails':
        if (this.lastErrorDetails) await vscode.env.clipboard.writeText(this.lastErrorDetails);
        await this.post({ type: 'done', replyTo: msg.id });
        return;
    }
  }

  private context(replyTo: string): OperationContext {
    return {
      correlationId: randomUUID(),
      signal: this.abort.signal,
      onRetryWait: ({ seconds, reason }: RetryWaitInfo) => {
        const s = Math.max(1, Math.ceil(seconds));
        const message = reason === 'throttled'
          ? vscode.l10n.t('Partner Center is throttling requests — waiting {0}s…', s)
          : vscode.l10n.t('Partner Center did not answer; trying again in {0}s…', s);
        void this.post({ type: 'progress', replyTo, message, waitSeconds: s });
      },
    };
  }

  private async sendState(replyTo: string, fresh: boolean): Promise<void> {
    if (fresh || (!this.data && !this.loading)) {
      const ctx = this.context(replyTo);
      const loading = this.session.call((client) => loadEditorData(client, this.target, { ctx, refreshResellers: fresh }));
      this.loading = loading;
      loading.then((data) => {
        if (this.loading !== loading) return;
        this.data = data;
        this.baseline = data.contact;
        this.panel.title = data.subscription.name;
      }, () => undefined).finally(() => { if (this.loading === loading) this.loading = undefined; });
    }
    try {
      const data = this.loading ? await this.loading : this.data;
      if (data) await this.post({ type: 'state', replyTo, target: this.target, data: this.data ?? data });
    } catch (err) {
      const error = toErrorView(err);
      this.lastErrorDetails = redact(error.details);
      log().warn(`Support contact editor could not load ${targetKey(this.target)}: ${redact(error.details)}`);
      await this.post({ type: 'loadError', replyTo, target: this.target, error });
    }
  }

  private async save(msg: SaveRequest): Promise<void> {
    const data = this.data;
    const { customerId, subscriptionId } = this.target;
    const reply = (m: HostMessage) => this.deliver(m);
    if (this.saving) return; // one save at a time: the running one answers
    if (!data) {
      // After a reload the page shows its saved state before the host has loaded: say so.
      return reply({ type: 'saveError', replyTo: msg.id, error: { kind: 'validation', message: vscode.l10n.t('The form is still loading from Partner Center. Try Save again in a moment.'), details: 'Kind: validation' } });
    }
    if (data.subscription.nce) {
      return reply({ type: 'saveError', replyTo: msg.id, error: { kind: 'nce', message: vscode.l10n.t('Support contacts cannot be set on New Commerce (NCE) subscriptions.'), details: 'Kind: nce' } });
    }
    const reseller = matchingReseller(msg.contact, data.resellers);
    if (!reseller) {
      return reply({ type: 'saveError', replyTo: msg.id, error: { kind: 'validation', message: vscode.l10n.t('The contact must be one of your active indirect resellers (tenant ID, PartnerID and name must match).'), details: 'Kind: validation' } });
    }
    this.saving = true;
    const ctx = this.context(msg.id);
    try {
      await this.post({ type: 'progress', replyTo: msg.id, message: vscode.l10n.t('Checking the current support contact…') });
      const now = await this.session.call((c) => c.getSupportContact(customerId, subscriptionId, ctx));
      const theirs = now ? toContactView(now) : null;
      if (!sameContact(theirs, this.baseline)) {
        const original = this.baseline;
        this.baseline = theirs; // confirming the overwrite means saving again against what they have
        data.contact = theirs;
        return await reply({ type: 'conflict', replyTo: msg.id, original, proposed: msg.contact, theirs });
      }
      await this.post({ type: 'progress', replyTo: msg.id, message: vscode.l10n.t('Saving the support contact…') });
      const requestId = randomUUID();
      const change = {
        account: this.session.current?.label ?? '', customerId, customerName: data.customer.companyName, subscriptionId,
        subscriptionName: data.subscription.name, old: theirs, requestId, correlationId: ctx.correlationId,
      };
      const target = { supportTenantId: reseller.id, supportMpnId: reseller.mpnId, name: reseller.name };
      const saved = toContactView(await this.session.call((c) =>
        c.updateSupportContact(customerId, subscriptionId, { supportTenantId: reseller.id, supportMpnId: reseller.mpnId }, ctx, { requestId }))
        .catch((err: unknown) => {
          if (!isCancellation(err)) void recordSupportContactChange({ ...change, new: target, error: err });
          throw err;
        }));
      void recordSupportContactChange({ ...change, new: saved });
      this.baseline = saved;
      data.contact = saved;
      log().info(`Support contact of ${targetKey(this.target)} set to ${saved.name} (${saved.supportMpnId}).`);
      await reply({ type: 'saved', replyTo: msg.id, contact: saved });
      try { this.hooks.onDidUpdate(customerId, subscriptionId); } catch (err) { log().warn(`onDidUpdate failed: ${redact(String(err))}`); }
    } catch (err) {
      const error = toErrorView(err);
      this.lastErrorDetails = redact(error.details);
      log().warn(`Support contact editor: save failed: ${redact(error.details)}`);
      await reply({ type: 'saveError', replyTo: msg.id, error });
    } finally {
      this.saving = false;
    }
  }

  /** Posts an outcome; if the page is hidden, keeps it for the next `ready`. */
  private async deliver(msg: HostMessage): Promise<void> {
    if (!(await this.post(msg))) this.undelivered = msg;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.abort.abort();
    for (const d of this.disposables) d.dispose();
  }
}
