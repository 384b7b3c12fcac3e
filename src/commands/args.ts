// The one parser of what VS Code passes a command. From a view's context menu or inline action: the
// clicked node, then the view's selection (VS Code sends the clicked node alone when it is not part of
// the selection). From a row's own click: the arguments the row set. From the palette or a keybinding:
// nothing. Handlers ask here instead of testing `unknown`s themselves. Type-only imports: plain Node.
import type { HistoryRow } from '../history/historyTree';
import type { PcNode } from '../tree/customersProvider';
import type { ResellerNode } from '../tree/resellerNodes';

function kindOf(v: unknown): unknown {
  return typeof v === 'object' && v !== null ? (v as { kind?: unknown }).kind : undefined;
}

/** A row of the Customers tree: it has a parent link (undefined at the root) and no `kind`. */
export function isPcNode(v: unknown): v is PcNode {
  return typeof v === 'object' && v !== null && 'view' in v && 'parent' in v && !('kind' in v);
}

const resellerKinds: ReadonlySet<unknown> = new Set<ResellerNode['kind']>(['reseller', 'customer', 'subscription', 'message']);

/** A row of the Indirect Resellers view. */
export function isResellerNode(v: unknown): v is ResellerNode {
  return typeof v === 'object' && v !== null && 'view' in v && resellerKinds.has(kindOf(v));
}

const historyKinds: ReadonlySet<unknown> = new Set<HistoryRow['kind']>(['day', 'run', 'entry']);

/** A row of the Support Contact History view. */
export function isHistoryRow(v: unknown): v is HistoryRow {
  return historyKinds.has(kindOf(v));
}

/** The nodes a context-menu command acts on: the whole selection when the clicked node is part of it. */
export function selected<T>(node: T, selection: unknown, guard: (v: unknown) => v is T): T[] {
  if (Array.isArray(selection) && selection.length > 0 && selection.every(guard) && selection.includes(node)) return selection;
  return [node];
}

/** Customers-tree rows a command was invoked on (with the selection), else `fallback` (the view's selection). */
export function customerNodesFromArgs(node: unknown, selection: unknown, fallback: readonly PcNode[]): readonly PcNode[] {
  return isPcNode(node) ? selected(node, selection, isPcNode) : fallback;
}

/** The Customers-tree row a command was invoked on, if any. */
export function customerNodeArg(node: unknown): PcNode | undefined {
  return isPcNode(node) ? node : undefined;
}

/** The Indirect Resellers row a command was invoked on (an error row's Retry names the row that failed), if any. */
export function resellerNodeArg(node: unknown): ResellerNode | undefined {
  return isResellerNode(node) ? node : undefined;
}

/** The History row a command was invoked on, if any. */
export function historyRowArg(row: unknown): HistoryRow | undefined {
  return isHistoryRow(row) ? row : undefined;
}

/** Which tree's rows a command got, each with the selection it belongs to; undefined from the palette. */
export type TreeNodes = { tree: 'customers'; nodes: PcNode[] } | { tree: 'resellers'; nodes: ResellerNode[] };

export function treeNodesFromArgs(node: unknown, selection: unknown): TreeNodes | undefined {
  if (isResellerNode(node)) return { tree: 'resellers', nodes: selected(node, selection, isResellerNode) };
  if (isPcNode(node)) return { tree: 'customers', nodes: selected(node, selection, isPcNode) };
  return undefined;
}
