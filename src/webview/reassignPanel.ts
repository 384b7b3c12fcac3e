// The Reassignment panel's webview: one panel at a time, created (or revealed) on show(), with the
// same CSP, nonce and message validation rules as the editor. It holds no state of the run: on every
// `ready` (first open, reopen after a close, hide/show) it asks for a snapshot, so closing it never
// stops a run and reopening shows the live state.
import * as vscode from 'vscode';
import { log, redact } from '../platform/log';
import { webviewOptions } from './editorPanel';
import { buildPageHtml, makeNonce, serializeStringTable } from './html';
import { reassignStringTable } from './reassignStringTable';
import { parseReassignMessage } from './reassignValidate';
import { REASSIGN_VIEW_TYPE, type InitMessage, type ReassignHostMessage, type ReassignPageMessage } from './shared/reassignProtocol';
import { REASSIGN_STRING_KEYS } from './shared/reassignStrings';

export interface ReassignPanelOwner {
  /** Everything the page shows now. */
  snapshot(): InitMessage;
  /** A valid message from the page (never `ready`: the panel answers it with the snapshot). */
  handle(message: ReassignPageMessage): void;
  rowCount(): number;
}

export class ReassignPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;

  constructor(private readonly extensionUri: vscode.Uri, private readonly owner: ReassignPanelOwner) {}

  get visible(): boolean {
    return !!this.panel;
  }

  show(title: string): void {
    if (this.panel) {
      this.panel.title = title;
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(REASSIGN_VIEW_TYPE, title, vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
    this.panel = panel;
    this.ready = false;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'partner-center.svg');
    const uri = (...p: string[]) => panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...p)).toString();
    const strings = reassignStringTable();
    panel.webview.html = buildPageHtml({
      cspSource: panel.webview.cspSource, nonce: makeNonce(), title, lang: vscode.env.language,
      stringsJson: serializeStringTable(REASSIGN_STRING_KEYS, strings), loadingText: strings.loading,
      scriptUri: uri('dist', 'webview', 'reassign.js'), styleUri: uri('media', 'reassign.css'),
    });
    panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw));
    panel.onDidDispose(() => {
      if (this.panel === panel) { this.panel = undefined; this.ready = false; }
    });
  }

  private receive(raw: unknown): void {
    const msg = parseReassignMessage(raw, this.owner.rowCount());
    if (!msg) {
      log().warn('Reassignment panel: ignored a message that is not part of the protocol.');
      return;
    }
    if (msg.type === 'ready') {
      this.ready = true;
      void this.post(this.owner.snapshot());
      return;
    }
    try {
      this.owner.handle(msg);
    } catch (err) {
      log().error(`Reassignment panel: ${redact(String(err))}`);
    }
  }

  /** Posts to the page once it is ready; dropped otherwise (its next `ready` gets a snapshot). */
  post(msg: ReassignHostMessage): Promise<boolean> {
    if (!this.panel || !this.ready) return Promise.resolve(false);
    return Promise.resolve(this.panel.webview.postMessage(msg)).then((ok) => ok, () => false);
  }

  close(): void {
    this.panel?.dispose();
  }

  dispose(): void {
    this.close();
  }
}
