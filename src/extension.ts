// Entry point: wires the pieces together and does nothing else. Nothing is fetched here; the tree
// loads when its view is shown and commands load what they need when run.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { SupportContactEvents, type ChangeServices } from './change';
import { registerCommands } from './commands';
import { registerBulkCommands } from './commands/bulk';
import { registerHealthCommands, stopHealthCheck } from './commands/health';
import { ChangeLog } from './history/changeLog';
import { log } from './platform/log';
import { createStatusBar } from './platform/statusBar';
import { initTelemetry } from './platform/telemetry';
import { Session } from './session';
import { ResellersView } from './tree/resellersProvider';
import { CustomersView } from './tree/view';

// esbuild's banner stamps the time the bundle started evaluating (see esbuild.mjs).
const bundleStarted = (globalThis as { __partnerCenterLoadStart?: number }).__partnerCenterLoadStart;
const moduleLoadMs = bundleStarted === undefined ? Number.NaN : performance.now() - bundleStarted;

/** What other extensions (and the integration tests) may ask: who is signed in, nothing more. */
export interface PartnerCenterApi {
  account(): { label: string; method: 'vscode' | 'deviceCode' } | undefined;
}

export function activate(context: vscode.ExtensionContext): PartnerCenterApi {
  const started = performance.now();
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle }); // the plain-Node modules' strings
  const telemetryConnection = (context.extension.packageJSON as { telemetryConnectionString?: string }).telemetryConnectionString;
  initTelemetry(context, telemetryConnection);
  const session = new Session(context);
  // One History and one onDidChangeSupportContact for every change, whoever makes it.
  const changes: ChangeServices = { changeLog: new ChangeLog(context.globalStorageUri.fsPath), events: new SupportContactEvents() };
  const tree = new CustomersView(session, changes.events);
  context.subscriptions.push(session, changes.events, tree, createStatusBar(session));
  registerCommands(context, session, tree, changes);
  const resellers = new ResellersView(session, changes.events);
  context.subscriptions.push(resellers);
  const bulk = registerBulkCommands(context, session, tree, changes, resellers);
  registerHealthCommands(context, session, bulk.docs, { events: changes.events, fix: (findings) => bulk.fixFindings(findings), reveal: (c, s, name) => tree.reveal(c, s, name) });
  const activateMs = performance.now() - started;
  log().info(`Activated: module load ${moduleLoadMs.toFixed(1)} ms, activate() ${activateMs.toFixed(1)} ms`);
  return { account: () => (session.current ? { label: session.current.label, method: session.method } : undefined) };
}

export function deactivate(): Promise<void> {
  // Everything registered is disposed through context.subscriptions. A running health check first
  // stores the customers it is reading, so the resume after a reload reads none of them again.
  return stopHealthCheck();
}
