// Host-side validation of every message the Health Check Report's page sends: the page is untrusted,
// so a message is accepted only when its shape and values are exactly what the protocol allows (row
// keys must be findings of the snapshot the page was sent). Anything else yields undefined. Never throws.
import type { ReportPageMessage, ReportPageMessageType } from './shared/healthProtocol';
import { plainWithKeys } from './validate';

const KEYS: Record<ReportPageMessageType, readonly string[]> = {
  ready: ['type'], fix: ['type', 'keys'], export: ['type', 'what', 'format'], runScan: ['type'], showInTree: ['type', 'key'],
  metrics: ['type', 'firstRenderMs', 'rows'],
};
const MAX_KEYS = 100_000;

const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10_000_000;
const ms = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 3_600_000;

function parse(raw: unknown, known: (key: string) => boolean): ReportPageMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const typeDesc = Object.getOwnPropertyDescriptor(raw, 'type');
  const type: unknown = typeDesc && 'value' in typeDesc ? typeDesc.value : undefined;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(KEYS, type)) return undefined;
  const o = plainWithKeys(raw, KEYS[type as ReportPageMessageType]);
  if (!o) return undefined;
  switch (type as ReportPageMessageType) {
    case 'fix': {
      const list = o.keys;
      if (!Array.isArray(list) || list.length === 0 || list.length > MAX_KEYS || Object.getPrototypeOf(list) !== Array.prototype) return undefined;
      const keys = Array.from(list, (v: unknown) => v);
      return keys.every((k) => typeof k === 'string' && known(k)) && new Set(keys).size === keys.length ? { type: 'fix', keys: keys as string[] } : undefined;
    }
    case 'export':
      return (o.what === 'findings' || o.what === 'inventory') && (o.format === 'csv' || o.format === 'json') ? { type: 'export', what: o.what, format: o.format } : undefined;
    case 'showInTree': return typeof o.key === 'string' && known(o.key) ? { type: 'showInTree', key: o.key } : undefined;
    case 'metrics': return ms(o.firstRenderMs) && count(o.rows) ? { type: 'metrics', firstRenderMs: o.firstRenderMs, rows: o.rows } : undefined;
    default: return { type } as ReportPageMessage;
  }
}

/** The message if it is valid for a report whose finding keys `known` accepts, else undefined. Never throws. */
export function parseReportMessage(raw: unknown, known: (key: string) => boolean): ReportPageMessage | undefined {
  try {
    return parse(raw, known);
  } catch {
    return undefined;
  }
}
