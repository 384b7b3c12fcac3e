// Host-side validation of every message the Reassignment page sends: the page is untrusted, so a
// message is accepted only when its shape and values are exactly what the protocol allows (row
// indices are integers inside the plan). Anything else yields undefined. Never throws.
import type { ReassignPageMessage, ReassignPageMessageType } from './shared/reassignProtocol';
import { plainWithKeys } from './validate';

const KEYS: Record<ReassignPageMessageType, readonly string[]> = {
  ready: ['type'], exclude: ['type', 'indices', 'excluded'], apply: ['type', 'count'], pause: ['type'], resume: ['type'], cancel: ['type'],
  retryFailed: ['type'], exportCsv: ['type'], exportReport: ['type'], showInTree: ['type', 'i'],
  metrics: ['type', 'firstRenderMs', 'updateMs', 'rows', 'updates'],
};
const MAX_INDICES = 100_000;

const index = (v: unknown, rows: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < rows;
const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10_000_000;
const ms = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= -1 && v < 3_600_000;

function parse(raw: unknown, rows: number): ReassignPageMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const typeDesc = Object.getOwnPropertyDescriptor(raw, 'type');
  const type: unknown = typeDesc && 'value' in typeDesc ? typeDesc.value : undefined;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(KEYS, type)) return undefined;
  const o = plainWithKeys(raw, KEYS[type as ReassignPageMessageType]);
  if (!o) return undefined;
  switch (type as ReassignPageMessageType) {
    case 'exclude': {
      const list = o.indices;
      if (!Array.isArray(list) || list.length > MAX_INDICES || Object.getPrototypeOf(list) !== Array.prototype || typeof o.excluded !== 'boolean') return undefined;
      const indices = Array.from(list, (v: unknown) => v);
      return indices.every((v) => index(v, rows)) ? { type: 'exclude', indices: indices as number[], excluded: o.excluded } : undefined;
    }
    case 'apply': return count(o.count) ? { type: 'apply', count: o.count } : undefined;
    case 'showInTree': return index(o.i, rows) ? { type: 'showInTree', i: o.i } : undefined;
    case 'metrics':
      return ms(o.firstRenderMs) && ms(o.updateMs) && count(o.rows) && count(o.updates)
        ? { type: 'metrics', firstRenderMs: o.firstRenderMs, updateMs: o.updateMs, rows: o.rows, updates: o.updates } : undefined;
    default: return { type } as ReassignPageMessage;
  }
}

/** The message if it is valid for a plan of `rows` rows, else undefined. Never throws. */
export function parseReassignMessage(raw: unknown, rows: number): ReassignPageMessage | undefined {
  try {
    return parse(raw, rows);
  } catch {
    return undefined;
  }
}
