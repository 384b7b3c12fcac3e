// The "Partner Center" output channel. Callers pass structured facts; nothing here formats tokens,
// and `redact()` scrubs anything that looks like a bearer token or JWT before it is written.
import * as vscode from 'vscode';
import { redactSecrets } from '../partnerCenter/errors';

let channel: vscode.LogOutputChannel | undefined;

export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Partner Center', { log: true });
  return channel;
}

/** Scrubs anything that looks like a bearer token or JWT (one rule for the client and the log). */
export const redact = redactSecrets;

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
