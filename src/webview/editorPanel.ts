// One support-contact editor panel (one per subscription): answers the page's requests, loads the
// data through the session, and runs the save (re-read, conflict check, PUT). The page only ever
// gets data and plain-language errors; tokens stay in the session.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { changeSupportContact, type ChangeOutcome, type ChangeServices } from '../change';
import { normalizeSubscriptionStatus, type OperationContext, type RetryWaitInfo, type Subscription } from '../partnerCenter';
import { log, redact } from '../platform/log';
import { showWarning } from '../platform/notify';
import { plainText } from '../partnerCenter/safeText';
import type { Session } from '../session';
import { matchingReseller, sameContact } from './shared/contactRules';
import { buildEditorHtml, makeNonce } from './html';
import { loadEditorData, toContactView, toErrorView } from './loader';
import { pageStringTable } from './pageStringTable';
import type { ContactView, EditorData, EditorTarget, ErrorView, HostMessage, PageMessage, SaveRequest } from './shared/protocol';
import { parsePageMessage } from './validate';

/** Why the page's Save cannot be sent at all (nothing is read or written then). */
function refuseSave(data: EditorData | undefined, msg: SaveRequest): ErrorView | undefined {
  // After a reload the page shows its saved state before the host has loaded: say so.
  if (!data) return loadingError();
  if (data.subscription.nce) return { kind: 'nce', message: vscode.l10n.t('Support contacts cannot be set on New Commerce (NCE) subscriptions.'), details: 'Kind: nce' };
  if (!matchingReseller(msg.contact, data.resellers)) {
    return { kind: 'validation', message: vscode.l10n.t('The contact must be one of your active indirect resellers (tenant ID, PartnerID and name must match).'), details: 'Kind: validation' };
  }
  return undefined;
}

function loadingError(): ErrorView {
  return { kind: 'validation', message: vscode.l10n.t('The form is still loading from Partner Center. Try Save again in a moment.'), details: 'Kind: validation' };
}

/** The subscription as the form loaded it: the change sends no second GET of it. */
function knownSubscription(data: EditorData): Subscription {
  const s = data.subscription;
  return { id: s.id, offerId: s.offerId, friendlyName: s.name, status: normalizeSubscriptionStatus(s.status), rawStatus: s.status };
}

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
    private readonly changes: ChangeServices,
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
    if (this.saving) return; // one save at a time: the running one answers
    const data = this.data;
    const refusal = refuseSave(data, msg);
    if (refusal || !data) return this.deliver({ type: 'saveError', replyTo: msg.id, error: refusal ?? loadingError() });
    this.saving = true;
    try {
      const outcome = await this.change(msg, data);
      await this.deliver(this.answer(msg, data, outcome));
    } catch (err) {
      const error = toErrorView(err);
      this.lastErrorDetails = redact(error.details);
      log().warn(`Support contact editor: save failed: ${redact(error.details)}`);
      await this.deliver({ type: 'saveError', replyTo: msg.id, error });
    } finally {
      this.saving = false;
    }
  }

  /** The one change operation: re-read (GET contact) → compare with the baseline → PUT → History. */
  private change(msg: SaveRequest, data: EditorData): Promise<ChangeOutcome> {
    const { customerId, subscriptionId } = this.target;
    return changeSupportContact(this.session, {
      target: { customerId, subscriptionId, customerName: data.customer.companyName, subscriptionName: data.subscription.name, knownSubscription: knownSubscription(data) },
      contact: msg.contact, expected: this.baseline,
    }, {
      account: this.session.current?.label ?? '', source: 'single', changeLog: this.changes.changeLog, events: this.changes.events, ctx: this.context(msg.id),
      onStep: (step) => void this.post({ type: 'progress', replyTo: msg.id, message: step === 'checking' ? vscode.l10n.t('Checking the current support contact…') : vscode.l10n.t('Saving the support contact…') }),
      onLogError: (message) => {
        log().warn(`Could not write the support-contact change log: ${message}`);
        void showWarning(vscode.l10n.t('The support contact was saved in Partner Center, but History could not record the change: {0} The new contact stays in Partner Center; only its History entry is missing.', plainText(message)));
      },
    });
  }

  /** What the page is told; a contact found changed becomes the new baseline (confirming overwrites it). */
  private answer(msg: SaveRequest, data: EditorData, outcome: ChangeOutcome): HostMessage {
    if (outcome.status === 'changed' || (outcome.status === 'alreadySet' && sameContact(outcome.current, this.baseline))) {
      const saved = toContactView(outcome.status === 'changed' ? outcome.contact : outcome.current ?? msg.contact);
      this.baseline = saved;
      data.contact = saved;
      const confirmed = outcome.status !== 'changed' || outcome.confirmed;
      log().info(`Support contact of ${targetKey(this.target)} ${confirmed ? 'set to' : 'accepted without confirmation; a re-read shows'} ${saved.name} (${saved.supportMpnId}).`);
      return { type: 'saved', replyTo: msg.id, contact: saved, confirmed };
    }
    const original = this.baseline;
    const theirs = outcome.current ? toContactView(outcome.current) : null;
    this.baseline = theirs;
    data.contact = theirs;
    return { type: 'conflict', replyTo: msg.id, original, proposed: msg.contact, theirs };
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
