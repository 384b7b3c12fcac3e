// NodeView (plain data, see nodes.ts) → vscode.TreeItem, for every tree of the extension.
import * as vscode from 'vscode';
import { shownView, type NodeView } from './nodes';

export function toTreeItem(v: NodeView, node: unknown): vscode.TreeItem {
  const state = v.collapsible === 'none' ? vscode.TreeItemCollapsibleState.None
    : v.collapsible === 'expanded' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  const shown = shownView(v);
  const item = new vscode.TreeItem(shown.label, state);
  item.id = v.id;
  item.description = shown.description;
  item.tooltip = shown.tooltip;
  item.contextValue = v.contextValue;
  if (shown.accessibilityLabel) item.accessibilityInformation = { label: shown.accessibilityLabel };
  if (v.icon) item.iconPath = new vscode.ThemeIcon(v.icon.id, v.icon.color ? new vscode.ThemeColor(v.icon.color) : undefined);
  if (v.command) item.command = { ...v.command, arguments: v.command.arguments ?? [node] };
  return item;
}
