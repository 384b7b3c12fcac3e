// Host-side validation of every message the Health Check Report's page sends: the page is untrusted,
// so a message is accepted only when its shape and values are exactly what the protocol allows (row
// keys must be findings of the snapshot the page was sent). Anything else yields undefined. Never throws.
import type { ReportPageMessage, ReportPageMessageType } from './shared/healthProtocol';
import { isCount, isMs, messageParser, plainArray } from './validate';

const KEYS: Record<ReportPageMessageType, readonly string[]> = {
  ready: ['type'], fix: ['type', 'keys'], export: ['type', 'what', 'format'], runScan: ['type'], showInTree: ['type', 'key'],
  metrics: ['type', 'firstRenderMs', 'rows'],
};
const MAX_KEYS = 100_000;

/** The message if it is valid for a report whose finding keys `known` accepts, else undefined. Never throws. */
export const parseReportMessage = messageParser<ReportPageMessageType, ReportPageMessage, (key: string) => boolean>(KEYS, (type, o, known) => {
  switch (type) {
    case 'fix': {
      const keys = plainArray(o.keys, MAX_KEYS);
      if (!keys || keys.length === 0) return undefined;
      return keys.every((k) => typeof k === 'string' && known(k)) && new Set(keys).size === keys.length ? { type: 'fix', keys: keys as string[] } : undefined;
    }
    case 'export':
      return (o.what === 'findings' || o.what === 'inventory') && (o.format === 'csv' || o.format === 'json') ? { type: 'export', what: o.what, format: o.format } : undefined;
    case 'showInTree': return typeof o.key === 'string' && known(o.key) ? { type: 'showInTree', key: o.key } : undefined;
    case 'metrics': return isMs(o.firstRenderMs) && isCount(o.rows) ? { type: 'metrics', firstRenderMs: o.firstRenderMs, rows: o.rows } : undefined;
    default: return { type } as ReportPageMessage;
  }
});
