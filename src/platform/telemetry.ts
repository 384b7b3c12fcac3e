// One small wrapper over @vscode/extension-telemetry. It sends command names, durations and error
// kinds only: properties are restricted to a fixed allow-list so a customer name, tenant id or token
// can never be attached by accident. Without a connection string it is a no-op (and the library is
// never loaded). The library itself honours `telemetry.telemetryLevel`.
import type * as vscode from 'vscode';
import { lazyRequire } from './lazy';

export type TelemetryProps = {
  command?: string;
  result?: 'succeeded' | 'failed' | 'cancelled';
  errorKind?: string;
  cloud?: string;
  authMethod?: string;
};
export type TelemetryMeasures = { durationMs?: number; count?: number };

const ALLOWED_PROPS = new Set(['command', 'result', 'errorKind', 'cloud', 'authMethod']);
/** The measurements telemetry.json declares: numbers only, never an id. */
const ALLOWED_MEASURES = new Set(['durationMs', 'count']);
const SAFE_VALUE = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/; // identifiers only: no dots (JWTs), spaces or markup

interface Reporter {
  sendTelemetryEvent(name: string, props?: Record<string, string>, measures?: Record<string, number>): void;
  dispose(): Promise<unknown>;
}

let reporter: Reporter | undefined;
const sentForTests: { name: string; props: Record<string, string> }[] = [];

export function initTelemetry(context: vscode.ExtensionContext, connectionString: string | undefined): void {
  if (!connectionString) return;
  const mod = lazyRequire<{ TelemetryReporter: new (cs: string) => Reporter }>('telemetry');
  reporter = new mod.TelemetryReporter(connectionString);
  context.subscriptions.push({ dispose: () => void reporter?.dispose() });
}

/** Keeps only allow-listed properties whose values are short identifiers (never free text). */
export function sanitize(props: TelemetryProps): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(props)) {
    if (ALLOWED_PROPS.has(k) && typeof v === 'string' && SAFE_VALUE.test(v)) out[k] = v;
  }
  return out;
}

export function sendEvent(name: string, props: TelemetryProps = {}, measures: TelemetryMeasures = {}): void {
  const clean = sanitize(props);
  if (sentForTests.length < 200) sentForTests.push({ name, props: clean });
  const m: Record<string, number> = {};
  for (const [k, v] of Object.entries(measures)) if (ALLOWED_MEASURES.has(k) && typeof v === 'number' && Number.isFinite(v)) m[k] = v;
  reporter?.sendTelemetryEvent(name, clean, m);
}

/** The events produced in this session (for the diagnostics report and the token-leak test). */
export function recentEvents(): readonly { name: string; props: Record<string, string> }[] {
  return sentForTests;
}
