// Every command is registered through `registerCommand` (or `registerActionCommand`, whose handler
// also gets an ActionContext): one place that measures, reports telemetry, turns errors into one
// clear sentence with a next step, and treats cancellation as a non-event.
import * as vscode from 'vscode';
import { showErrorMessage } from '../platform/notify';
import { log, redact } from '../platform/log';
import { recordError } from '../platform/diagnostics';
import { sendEvent, type TelemetryMeasures, type TelemetryProps } from '../platform/telemetry';

/** An error the UI knows how to explain: a kind plus a sentence, and details to copy. */
export interface ExplainedError {
  kind: string;
  userMessage: string;
  details?: string;
  /** The action that fixes it, e.g. "Sign In" → partnerCenter.signIn. */
  action?: { title: string; command: string; args?: unknown[] };
}

export type Explainer = (err: unknown) => ExplainedError;

let explain: Explainer = (err) => ({
  kind: isCancellation(err) ? 'cancelled' : 'unexpected',
  userMessage: err instanceof Error ? err.message : String(err),
});

export function setErrorExplainer(e: Explainer): void {
  explain = e;
}

export function isCancellation(err: unknown): boolean {
  if (err instanceof vscode.CancellationError) return true;
  if (typeof err === 'object' && err !== null) {
    const k = (err as { kind?: unknown; name?: unknown }).kind;
    const n = (err as { name?: unknown }).name;
    return k === 'cancelled' || n === 'AbortError' || n === 'Canceled';
  }
  return false;
}

const copyDetails = () => vscode.l10n.t('Copy Details');

export async function showError(command: string, err: unknown): Promise<void> {
  const e = explain(err);
  log().error(`${command} failed: ${redact(e.kind)}: ${redact(e.userMessage)}${e.details ? `\n${redact(e.details)}` : ''}`);
  recordError(command, e.kind, e.details ?? e.userMessage);
  const buttons = [e.action?.title, e.details ? copyDetails() : undefined].filter((b): b is string => !!b);
  const choice = await showErrorMessage(e.userMessage, ...buttons);
  if (choice === copyDetails() && e.details) await vscode.env.clipboard.writeText(redact(e.details));
  else if (choice && choice === e.action?.title) await vscode.commands.executeCommand(e.action.command, ...(e.action.args ?? []));
}

/**
 * What a handler may tell the wrapper about its run (as azuretools' IActionContext): telemetry to add
 * to the command's event, and that a failure was already shown to the user (no second message).
 */
export interface ActionContext {
  /** Only allow-listed identifier properties reach telemetry (platform/telemetry.ts sanitizes them). */
  telemetry: { properties: TelemetryProps; measurements: TelemetryMeasures };
  errorHandling: { suppressDisplay: boolean };
}

export type ActionHandler = (action: ActionContext, ...args: unknown[]) => unknown;

/** Registers a command wrapped with error handling and telemetry; the handler gets an ActionContext first. */
export function registerActionCommand(context: vscode.ExtensionContext, id: string, handler: ActionHandler): void {
  context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => runAction(id, handler, args)));
}

/** Registers a command wrapped with error handling and telemetry. */
export function registerCommand(context: vscode.ExtensionContext, id: string, handler: (...args: unknown[]) => unknown): void {
  registerActionCommand(context, id, (_action, ...args) => handler(...args));
}

/** One run: the handler, then one `command` event (succeeded, cancelled or failed) and, on failure, the error shown. */
async function runAction(id: string, handler: ActionHandler, args: unknown[]): Promise<unknown> {
  const started = Date.now();
  const short = id.replace(/^partnerCenter\./, '');
  const action: ActionContext = { telemetry: { properties: {}, measurements: {} }, errorHandling: { suppressDisplay: false } };
  const send = (result: NonNullable<TelemetryProps['result']>, extra: TelemetryProps = {}): void =>
    sendEvent('command', { ...action.telemetry.properties, command: short, result, ...extra }, { ...action.telemetry.measurements, durationMs: Date.now() - started });
  try {
    const result = await handler(action, ...args);
    send('succeeded');
    return result;
  } catch (err) {
    if (isCancellation(err)) {
      send('cancelled');
      return undefined;
    }
    send('failed', { errorKind: explain(err).kind });
    if (!action.errorHandling.suppressDisplay) void showError(short, err);
    return undefined;
  }
}
