// Host-side validation of every message the Reassignment page sends: the page is untrusted, so a
// message is accepted only when its shape and values are exactly what the protocol allows (row
// indices are integers inside the plan). Anything else yields undefined. Never throws.
import type { ReassignPageMessage, ReassignPageMessageType } from './shared/reassignProtocol';
import { isCount, isMs, messageParser, plainArray } from './validate';

const KEYS: Record<ReassignPageMessageType, readonly string[]> = {
  ready: ['type'], exclude: ['type', 'indices', 'excluded'], apply: ['type', 'count'], pause: ['type'], resume: ['type'], cancel: ['type'],
  retryFailed: ['type'], exportCsv: ['type'], exportReport: ['type'], showInTree: ['type', 'i'],
  metrics: ['type', 'firstRenderMs', 'updateMs', 'rows', 'updates'],
};
const MAX_INDICES = 100_000;

const index = (v: unknown, rows: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < rows;

/** The message if it is valid for a plan of `rows` rows, else undefined. Never throws. */
export const parseReassignMessage = messageParser<ReassignPageMessageType, ReassignPageMessage, number>(KEYS, (type, o, rows) => {
  switch (type) {
    case 'exclude': {
      const indices = plainArray(o.indices, MAX_INDICES);
      if (!indices || typeof o.excluded !== 'boolean') return undefined;
      return indices.every((v) => index(v, rows)) ? { type: 'exclude', indices: indices as number[], excluded: o.excluded } : undefined;
    }
    case 'apply': return isCount(o.count) ? { type: 'apply', count: o.count } : undefined;
    case 'showInTree': return index(o.i, rows) ? { type: 'showInTree', i: o.i } : undefined;
    case 'metrics':
      return isMs(o.firstRenderMs, -1) && isMs(o.updateMs, -1) && isCount(o.rows) && isCount(o.updates)
        ? { type: 'metrics', firstRenderMs: o.firstRenderMs, updateMs: o.updateMs, rows: o.rows, updates: o.updates } : undefined;
    default: return { type } as ReassignPageMessage;
  }
});
