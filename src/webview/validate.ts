// Host-side validation of everything the editor page sends. The page is treated as untrusted: a
// message is accepted only when its shape and values are exactly what the protocol allows; anything
// else yields undefined (and is ignored). Never throws, whatever the input (getters, proxies, cycles).
import { isGuid, isMpnId, isValidName } from './shared/contactRules';
import type { ContactView, EditorTarget, PageMessage, PageMessageType } from './shared/protocol';

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const KEYS: Record<PageMessageType, readonly string[]> = {
  ready: ['type', 'id'],
  reload: ['type', 'id'],
  save: ['type', 'id', 'contact'],
  cancel: ['type', 'id'],
  copyDetails: ['type', 'id'],
};
const CONTACT_KEYS = ['supportTenantId', 'supportMpnId', 'name'] as const;
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

type Plain = Record<string, unknown>;

/** A plain data object (prototype Object or null) whose own keys are exactly `allowed` (all present). */
export function plainWithKeys(value: unknown, allowed: readonly string[]): Plain | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const keys = Reflect.ownKeys(value);
  if (keys.length !== allowed.length) return undefined;
  const out: Plain = {};
  for (const key of keys) {
    if (typeof key !== 'string' || !allowed.includes(key)) return undefined;
    const desc = Object.getOwnPropertyDescriptor(value, key);
    if (!desc || !('value' in desc)) return undefined; // accessors are never data
    out[key] = desc.value;
  }
  return out;
}

/**
 * A parser for one page's messages: `raw` must be a plain object whose `type` (a data property) is a
 * key of `keys` and whose own keys are exactly that type's list; `values` then checks the values
 * (against `context`: what the host sent the page). Anything else yields undefined. Never throws.
 */
export function messageParser<T extends string, M, C = void>(
  keys: Record<T, readonly string[]>, values: (type: T, o: Plain, context: C) => M | undefined,
): (raw: unknown, context: C) => M | undefined {
  return (raw, context) => {
    try {
      if (typeof raw !== 'object' || raw === null) return undefined;
      const typeDesc = Object.getOwnPropertyDescriptor(raw, 'type');
      const type: unknown = typeDesc && 'value' in typeDesc ? typeDesc.value : undefined;
      if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(keys, type)) return undefined;
      const o = plainWithKeys(raw, keys[type as T]);
      return o ? values(type as T, o, context) : undefined;
    } catch {
      return undefined; // e.g. a revoked Proxy: not a message
    }
  };
}

/** A copy of a real array (prototype Array) of at most `max` items, else undefined. */
export function plainArray(value: unknown, max: number): unknown[] | undefined {
  if (!Array.isArray(value) || value.length > max || Object.getPrototypeOf(value) !== Array.prototype) return undefined;
  return Array.from(value, (v: unknown) => v);
}

/** A count a page reports (rows, updates). */
export const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10_000_000;
/** A duration in milliseconds a page reports: finite, at least `min`, under an hour. */
export const isMs = (v: unknown, min = 0): v is number => typeof v === 'number' && Number.isFinite(v) && v >= min && v < 3_600_000;

function parseContact(value: unknown): ContactView | undefined {
  const o = plainWithKeys(value, CONTACT_KEYS);
  if (!o) return undefined;
  const { supportTenantId, supportMpnId, name } = o;
  if (!isGuid(supportTenantId) || !isMpnId(supportMpnId) || !isValidName(name)) return undefined;
  if (CONTROL.test(name)) return undefined;
  return { supportTenantId, supportMpnId, name };
}

/** The message if it is valid, else undefined. Never throws. */
export const parsePageMessage = messageParser<PageMessageType, PageMessage>(KEYS, (type, o) => {
  if (typeof o.id !== 'string' || !ID_PATTERN.test(o.id)) return undefined;
  const id = o.id;
  switch (type) {
    case 'ready': return { type: 'ready', id };
    case 'reload': return { type: 'reload', id };
    case 'cancel': return { type: 'cancel', id };
    case 'copyDetails': return { type: 'copyDetails', id };
    case 'save': {
      const contact = parseContact(o.contact);
      return contact ? { type: 'save', id, contact } : undefined;
    }
  }
});

/**
 * The target saved in the page state (handed to the serializer after a reload), if it is two GUIDs.
 * The rest of the state (form values) stays the page's business.
 */
export function parsePersistedTarget(state: unknown): EditorTarget | undefined {
  try {
    if (typeof state !== 'object' || state === null) return undefined;
    const target: unknown = (state as { target?: unknown }).target;
    const o = plainWithKeys(target, ['customerId', 'subscriptionId']);
    if (!o || !isGuid(o.customerId) || !isGuid(o.subscriptionId)) return undefined;
    return { customerId: o.customerId, subscriptionId: o.subscriptionId };
  } catch {
    return undefined;
  }
}

/** Command arguments: a tree node (or any object) with customerId and subscriptionId GUID properties. */
export function targetFromArgs(arg: unknown): EditorTarget | undefined {
  try {
    if (typeof arg !== 'object' || arg === null) return undefined;
    const { customerId, subscriptionId } = arg as { customerId?: unknown; subscriptionId?: unknown };
    return isGuid(customerId) && isGuid(subscriptionId) ? { customerId, subscriptionId } : undefined;
  } catch {
    return undefined;
  }
}
