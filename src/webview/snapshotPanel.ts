// A webview panel whose page holds no state of its own (the Reassignment panel, the Health Check
// Report): one panel at a time, created (or revealed) on show(), the editor's CSP, nonce and message
// rules. On every `ready` (first open, reopen after a close, hide/show) the page gets a snapshot, so
// closing the panel never stops the work behind it and reopening shows the live state.
import * as vscode from 'vscode';
import { log, redact } from '../platform/log';
import { webviewOptions } from './editorPanel';
import { buildPageHtml, makeNonce, serializeStringTable } from './html';

export interface SnapshotPanelSpec<Host, Page extends { type: string }> {
  viewType: string;
  /** dist/webview/<page>.js and media/<page>.css (after media/table.css, the styles both table pages share). */
  page: string;
  /** What the log calls it. */
  name: string;
  keys: readonly string[];
  strings(): Record<string, string> & { loading: string };
  /** The message if it is valid now, else undefined (never throws). */
  parse(raw: unknown): Page | undefined;
  snapshot(): Host;
  /** A valid message from the page (never `ready`: the panel answers it with the snapshot). */
  handle(message: Exclude<Page, { type: 'ready' }>): void;
}

export class SnapshotPanel<Host, Page extends { type: string }> implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;

  constructor(private readonly extensionUri: vscode.Uri, private readonly spec: SnapshotPanelSpec<Host, Page>) {}

  get visible(): boolean {
    return !!this.panel;
  }

  show(title: string): void {
    if (this.panel) {
      this.panel.title = title;
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(this.spec.viewType, title, vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
    this.panel = panel;
    this.ready = false;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'partner-center.svg');
    const uri = (...p: string[]) => panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...p)).toString();
    const strings = this.spec.strings();
    panel.webview.html = buildPageHtml({
      cspSource: panel.webview.cspSource, nonce: makeNonce(), title, lang: vscode.env.language,
      stringsJson: serializeStringTable(this.spec.keys, strings), loadingText: strings.loading,
      scriptUri: uri('dist', 'webview', `${this.spec.page}.js`), styleUris: [uri('media', 'table.css'), uri('media', `${this.spec.page}.css`)],
    });
    panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw));
    panel.onDidDispose(() => {
      if (this.panel === panel) { this.panel = undefined; this.ready = false; }
    });
  }

  private receive(raw: unknown): void {
    const msg = this.spec.parse(raw);
    if (!msg) {
      log().warn(`${this.spec.name}: ignored a message that is not part of the protocol.`);
      return;
    }
    if (msg.type === 'ready') {
      this.ready = true;
      void this.post(this.spec.snapshot());
      return;
    }
    try {
      this.spec.handle(msg as Exclude<Page, { type: 'ready' }>);
    } catch (err) {
      log().error(`${this.spec.name}: ${redact(String(err))}`);
    }
  }

  /** Posts to the page once it is ready; dropped otherwise (its next `ready` gets a snapshot). */
  post(msg: Host): Promise<boolean> {
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
