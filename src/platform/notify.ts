// The only way text reaches a notification, a modal dialog or a progress notification: VS Code turns
// `[label](command:…)` there into a link that runs the command on click, so every message (and a
// dialog's detail, a progress title and message) passes notificationText() here, whatever built it.
// A unit test fails when code elsewhere calls vscode.window.show*Message or withProgress directly.
import * as vscode from 'vscode';
import { notificationText } from '../partnerCenter/safeText';

type Rest<T> = T[] | [vscode.MessageOptions, ...T[]];

function safeRest<T>(rest: Rest<T>): Rest<T> {
  const [first, ...others] = rest;
  if (typeof first === 'object' && first !== null && !('title' in first)) {
    const options = first as vscode.MessageOptions;
    return [{ ...options, ...(options.detail !== undefined ? { detail: notificationText(options.detail) } : {}) }, ...(others as T[])];
  }
  return rest;
}

export function showInfo<T extends string | vscode.MessageItem>(message: string, ...rest: Rest<T>): Thenable<T | undefined> {
  return (vscode.window.showInformationMessage as (m: string, ...r: unknown[]) => Thenable<T | undefined>)(notificationText(message), ...safeRest(rest));
}

export function showWarning<T extends string | vscode.MessageItem>(message: string, ...rest: Rest<T>): Thenable<T | undefined> {
  return (vscode.window.showWarningMessage as (m: string, ...r: unknown[]) => Thenable<T | undefined>)(notificationText(message), ...safeRest(rest));
}

export function showErrorMessage<T extends string | vscode.MessageItem>(message: string, ...rest: Rest<T>): Thenable<T | undefined> {
  return (vscode.window.showErrorMessage as (m: string, ...r: unknown[]) => Thenable<T | undefined>)(notificationText(message), ...safeRest(rest));
}

export type ProgressReport = { message?: string; increment?: number };

/** vscode.window.withProgress, with the title and every reported message through notificationText(). */
export function withProgress<R>(
  options: vscode.ProgressOptions,
  task: (progress: vscode.Progress<ProgressReport>, token: vscode.CancellationToken) => Thenable<R>,
): Thenable<R> {
  const safe = { ...options, ...(options.title !== undefined ? { title: notificationText(options.title) } : {}) };
  return vscode.window.withProgress(safe, (progress, token) => task({
    report: (value) => progress.report(value.message !== undefined ? { ...value, message: notificationText(value.message) } : value),
  }, token));
}
