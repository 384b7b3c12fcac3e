// Entry point: wires the pieces together and does nothing else. Nothing is fetched here; the tree
// loads when its view is shown and commands load what they need when run.
const moduleLoadStarted = performance.now();
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { log } from './platform/log';
import { initTelemetry } from './platform/telemetry';

const moduleLoadMs = performance.now() - moduleLoadStarted;

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const telemetryConnection = (context.extension.packageJSON as { telemetryConnectionString?: string }).telemetryConnectionString;
  initTelemetry(context, telemetryConnection);
  registerCommands(context);
  const activateMs = performance.now() - started;
  log().debug(`Activated: module load ${moduleLoadMs.toFixed(1)} ms, activate() ${activateMs.toFixed(1)} ms`);
}

export function deactivate(): void {
  // Everything registered is disposed through context.subscriptions.
}
