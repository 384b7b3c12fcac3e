// Read-only virtual documents (`partnercenter-plan:`) for the bulk preview and reports: plain
// Markdown text in an ordinary editor — searchable, copyable, read by screen readers — that nobody
// can edit or save by mistake.
import * as vscode from 'vscode';

export const PLAN_SCHEME = 'partnercenter-plan';
const MAX_DOCUMENTS = 20;

export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration: vscode.Disposable;
  private counter = 0;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path) ?? vscode.l10n.t('This document is no longer available.');
  }

  /** Opens `text` as a read-only Markdown document titled `title`. */
  async show(title: string, text: string): Promise<vscode.TextEditor> {
    const name = `${title.replace(/[^\p{L}\p{N} ._-]+/gu, '').trim() || vscode.l10n.t('Document')} ${++this.counter}.md`;
    const uri = vscode.Uri.from({ scheme: PLAN_SCHEME, path: `/${name}` });
    this.contents.set(uri.path, text);
    while (this.contents.size > MAX_DOCUMENTS) this.contents.delete(this.contents.keys().next().value as string);
    const doc = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(doc, { preview: false });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
