// The support-contact editor: the `partnerCenter.editSupportContact` command, one panel per
// subscription, and the serializer that brings panels back after a window reload.
import * as vscode from 'vscode';
import { registerCommand } from '../commands/wrap';
import { log } from '../platform/log';
import type { Session } from '../session';
import { isGuid } from './shared/contactRules';
import type { ChangeServices } from '../change';
import { SupportContactEditor, targetKey, webviewOptions } from './editorPanel';
import { VIEW_TYPE, type EditorTarget } from './shared/protocol';
import { parsePersistedTarget, targetFromArgs } from './validate';

export const EDIT_SUPPORT_CONTACT_COMMAND = 'partnerCenter.editSupportContact';
export { VIEW_TYPE };

/**
 * Registers the command (through the shared error/telemetry wrapper; its registration goes into
 * context.subscriptions) and the panel serializer. The returned disposable closes the serializer
 * and every open editor panel.
 */
export function registerSupportContactEditor(context: vscode.ExtensionContext, session: Session, changes: ChangeServices): vscode.Disposable {
  const open = new Map<string, SupportContactEditor>();

  const attach = (panel: vscode.WebviewPanel, target: EditorTarget): SupportContactEditor => {
    const key = targetKey(target);
    const editor = new SupportContactEditor(panel, target, context.extensionUri, session, changes, () => {
      if (open.get(key) === editor) open.delete(key);
    });
    open.set(key, editor);
    return editor;
  };

  registerCommand(context, EDIT_SUPPORT_CONTACT_COMMAND, async (arg: unknown) => {
    const target = targetFromArgs(arg) ?? (arg === undefined ? await askForTarget() : undefined);
    if (!target) {
      if (arg === undefined) return; // the user dismissed the input boxes
      throw new Error(vscode.l10n.t('Edit Support Contact needs a customer ID and a subscription ID (GUIDs).'));
    }
    const existing = open.get(targetKey(target));
    if (existing) {
      existing.reveal();
      return;
    }
    const title = initialTitle(arg);
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, title, vscode.ViewColumn.Active, webviewOptions(context.extensionUri));
    attach(panel, target);
  });

  const serializer = vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
    deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      const target = parsePersistedTarget(state);
      const key = target && targetKey(target);
      if (!target || !key || open.has(key)) {
        log().info('Support contact editor: not restoring a panel without a valid saved target.');
        panel.dispose();
        return Promise.resolve();
      }
      attach(panel, target);
      return Promise.resolve();
    },
  });

  return new vscode.Disposable(() => {
    serializer.dispose();
    for (const editor of [...open.values()]) editor.panel.dispose();
    open.clear();
  });
}

/** A tree node's label (e.g. the subscription's friendly name) when it has one, until the data arrives. */
function initialTitle(arg: unknown): string {
  try {
    const label: unknown = typeof arg === 'object' && arg !== null ? (arg as { label?: unknown }).label : undefined;
    const text = typeof label === 'string' ? label : typeof label === 'object' && label !== null ? (label as { label?: unknown }).label : undefined;
    if (typeof text === 'string' && text.trim() !== '') return text.slice(0, 120);
  } catch { /* not a tree item */ }
  return vscode.l10n.t('Support Contact');
}

async function askForTarget(): Promise<EditorTarget | undefined> {
  const validateInput = (v: string) => (isGuid(v.trim()) ? undefined : vscode.l10n.t('Enter a GUID, e.g. {0}.', '0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b'));
  const customerId = await vscode.window.showInputBox({
    title: vscode.l10n.t('Edit Support Contact (1/2)'), prompt: vscode.l10n.t('Customer ID (GUID)'), ignoreFocusOut: true, validateInput,
  });
  if (customerId === undefined) return undefined;
  const subscriptionId = await vscode.window.showInputBox({
    title: vscode.l10n.t('Edit Support Contact (2/2)'), prompt: vscode.l10n.t('Subscription ID (GUID)'), ignoreFocusOut: true, validateInput,
  });
  if (subscriptionId === undefined) return undefined;
  return { customerId: customerId.trim(), subscriptionId: subscriptionId.trim() };
}
