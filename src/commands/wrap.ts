// Every command passes through `runCommand`: one place that measures, reports telemetry, turns
// errors into one clear sentence with a next step, and treats cancellation as a non-event.
import * as vscode from 'vscode';
import { showErrorMessage } from '../platform/notify';
import { log, redact } from '../platform/log';
import { recordError } from '../platform/diagnostics';
import { sendEvent } from '../platform/telemetry';

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

/** Registers a command wrapped with error handling and telemetry. */
export function registerCommand(
  context: vscode.ExtensionContext,
  id: string,
  handler: (...args: unknown[]) => unknown,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      const started = Date.now();
      const short = id.replace(/^partnerCenter\./, '');
      try {
        const result = await handler(...args);
        sendEvent('command', { command: short, result: 'succeeded' }, { durationMs: Date.now() - started });
        return result;
      } catch (err) {
        if (isCancellation(err)) {
          sendEvent('command', { command: short, result: 'cancelled' }, { durationMs: Date.now() - started });
          return undefined;
        }
        const kind = explain(err).kind;
        sendEvent('command', { command: short, result: 'failed', errorKind: kind }, { durationMs: Date.now() - started });
        void showError(short, err);
        return undefined;
      }
    }),
  );
}
