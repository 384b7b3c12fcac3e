// One helper for long work: a cancellable progress notification whose Cancel aborts the work's
// signal, with Partner Center's retry waits shown as its message.
import * as vscode from 'vscode';
import { withProgress } from '../platform/notify';
import type { RetryWaitInfo } from '../partnerCenter';

export interface ProgressHandle {
  signal: AbortSignal;
  report(message: string, increment?: number): void;
  /** Pass as an OperationContext's onRetryWait: "throttling — waiting N s…". */
  onRetryWait(info: RetryWaitInfo): void;
}

export function retryWaitText(info: RetryWaitInfo): string {
  const s = Math.max(1, Math.ceil(info.seconds));
  return info.reason === 'throttled'
    ? vscode.l10n.t('Partner Center is throttling requests — waiting {0} s…', s)
    : vscode.l10n.t('Retrying in {0} s…', s);
}

export function withCancellableProgress<T>(title: string, task: (progress: ProgressHandle) => Promise<T>): Thenable<T> {
  return withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const abort = new AbortController();
    const subscription = token.onCancellationRequested(() => abort.abort());
    const handle: ProgressHandle = {
      signal: abort.signal,
      report: (message, increment) => progress.report(increment === undefined ? { message } : { message, increment }),
      onRetryWait: (info) => progress.report({ message: retryWaitText(info) }),
    };
    return task(handle).finally(() => subscription.dispose());
  });
}
