// "Partner Center: Copy Diagnostics": a report a partner can paste into a support ticket — versions,
// cloud, sign-in method, the last errors with their request/correlation ids. Never tokens.
import * as vscode from 'vscode';
import type { Session } from '../session';
import { redact } from './log';
import { readSettings } from './config';
import { recentEvents } from './telemetry';

export interface RecordedError {
  time: string;
  command: string;
  kind: string;
  details: string;
}

const lastErrors: RecordedError[] = [];

export function recordError(command: string, kind: string, details: string): void {
  lastErrors.push({ time: new Date().toISOString(), command, kind, details: redact(details) });
  if (lastErrors.length > 10) lastErrors.shift();
}

export function diagnosticsReport(context: vscode.ExtensionContext, session: Session): string {
  const s = readSettings();
  const ext = context.extension.packageJSON as { name: string; version: string };
  const lines = [
    '# Partner Center extension diagnostics',
    `Extension: ${ext.name} ${ext.version}`,
    `VS Code: ${vscode.version} (${vscode.env.appName}, ${vscode.env.appHost}, UI ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'})`,
    `Platform: ${process.platform} ${process.arch}, Node ${process.version}`,
    `Cloud: ${s.cloud}${s.endpoint ? ` (endpoint override ${s.endpoint})` : ''}`,
    `Sign-in: ${s.authentication}${s.clientId ? `, custom app registration ${s.clientId}` : ''}${s.tenant ? `, tenant ${s.tenant}` : ''}`,
    `Signed in: ${session.current ? 'yes' : 'no'}`,
    `Locale: ${s.locale || `${vscode.env.language} (VS Code display language)`}`,
    '',
    '## Telemetry events this session (sent only when telemetry is enabled)',
    ...(recentEvents().length ? recentEvents().slice(-20).map((e) => `- ${e.name} ${JSON.stringify(e.props)}`) : ['(none)']),
    '',
    '## Last errors',
    ...(lastErrors.length ? lastErrors.flatMap((e) => [`- ${e.time} ${e.command}: ${e.kind}`, ...e.details.split('\n').map((l) => `  ${l}`)]) : ['(none)']),
  ];
  return redact(lines.join('\n'));
}
