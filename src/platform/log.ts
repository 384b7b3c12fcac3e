// The "Partner Center" output channel. Callers pass structured facts; nothing here formats tokens,
// and `redact()` scrubs anything that looks like a bearer token or JWT before it is written.
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Partner Center', { log: true });
  return channel;
}

const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*\.?[A-Za-z0-9_-]*/g;
const BEARER = /(bearer\s+)[^\s"']+/gi;

export function redact(text: string): string {
  return text.replace(BEARER, '$1<redacted>').replace(JWT, '<redacted-token>');
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
