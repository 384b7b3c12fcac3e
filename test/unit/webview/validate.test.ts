// The host accepts only protocol messages with valid values, and rejects everything else without throwing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePageMessage, parsePersistedTarget, targetFromArgs } from '../../../src/webview/validate';

const GUID = '0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b';
const contact = { supportTenantId: GUID, supportMpnId: '4391507', name: 'Wingtip Toys' };

test('accepts every well-formed request', () => {
  for (const type of ['ready', 'reload', 'cancel', 'copyDetails'] as const) {
    assert.deepEqual(parsePageMessage({ type, id: 'p1abc' }), { type, id: 'p1abc' });
  }
  assert.deepEqual(parsePageMessage({ type: 'save', id: 'x-1_2', contact }), { type: 'save', id: 'x-1_2', contact });
  assert.deepEqual(parsePageMessage(JSON.parse(JSON.stringify({ type: 'save', id: 'a', contact: { ...contact, supportTenantId: GUID.toUpperCase() } }))),
    { type: 'save', id: 'a', contact: { ...contact, supportTenantId: GUID.toUpperCase() } });
  const nullProto = Object.assign(Object.create(null) as object, { type: 'ready', id: 'n1' });
  assert.deepEqual(parsePageMessage(nullProto), { type: 'ready', id: 'n1' });
});

function hostileMessages(): unknown[] {
  const out: unknown[] = [];
  // Not objects at all.
  out.push(undefined, null, 0, -1, NaN, Infinity, '', 'ready', '{"type":"ready","id":"a"}', true, false, Symbol('x'), 10n, () => 'ready', [], ['ready', 'a'], [{ type: 'ready', id: 'a' }]);
  // Bad types.
  const types: unknown[] = [undefined, null, '', 'READY', ' ready', 'ready ', 'save\u0000', 'state', 'saved', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 1, true, {}, ['ready'], { toString: () => 'ready' }];
  for (const type of types) out.push({ type, id: 'a1' });
  // Bad ids, for every request type.
  const ids: unknown[] = [undefined, null, '', ' ', 'a b', 'a/b', '<script>', 'x'.repeat(65), 'é', 'a\nb', 1, 1.5, true, {}, [], ['a'], { toString: () => 'a' }];
  for (const type of ['ready', 'reload', 'cancel', 'copyDetails', 'save']) {
    for (const id of ids) out.push(type === 'save' ? { type, id, contact } : { type, id });
  }
  // Extra or missing keys.
  out.push({ type: 'ready' }, { id: 'a' }, { type: 'ready', id: 'a', extra: 1 }, { type: 'ready', id: 'a', contact },
    { type: 'save', id: 'a' }, { type: 'save', id: 'a', contact, overwrite: true }, { type: 'cancel', id: 'a', token: 'eyJhbGciOi' },
    JSON.parse('{"type":"ready","id":"a","__proto__":{"polluted":true}}'), JSON.parse('{"__proto__":{"type":"ready","id":"a"}}'),
    JSON.parse('{"type":"save","id":"a","contact":{"supportTenantId":"' + GUID + '","supportMpnId":"1","name":"n","__proto__":{}}}'));
  // Bad contacts: each field wrong in many ways.
  const badTenant: unknown[] = [undefined, null, '', 'not-a-guid', GUID.slice(1), `${GUID} `, ` ${GUID}`, `{${GUID}}`, GUID.replace(/-/g, ''), GUID.replace('0', 'g'), `${GUID}\n`, 42, {}, [GUID], { toString: () => GUID }];
  const badMpn: unknown[] = [undefined, null, '', ' ', '12a', '-1', '1.5', '1e5', '0x10', '１２３', '1'.repeat(21), '12 ', 12, 1.5, true, ['1'], {}];
  const badName: unknown[] = [undefined, null, '', ' ', '\t\n', 'x'.repeat(257), 'a\u0000b', 'line\nbreak', 'bidi\u202eevil', 'sep\u2028x', 5, true, {}, ['Wingtip'], { toString: () => 'n' }];
  for (const v of badTenant) out.push({ type: 'save', id: 'a', contact: { ...contact, supportTenantId: v } });
  for (const v of badMpn) out.push({ type: 'save', id: 'a', contact: { ...contact, supportMpnId: v } });
  for (const v of badName) out.push({ type: 'save', id: 'a', contact: { ...contact, name: v } });
  out.push({ type: 'save', id: 'a', contact: null }, { type: 'save', id: 'a', contact: [] }, { type: 'save', id: 'a', contact: 'x' },
    { type: 'save', id: 'a', contact: { supportTenantId: GUID, supportMpnId: '1' } }, { type: 'save', id: 'a', contact: { ...contact, extra: 1 } },
    { type: 'save', id: 'a', contact: { SupportTenantId: GUID, SupportMpnId: '1', Name: 'n' } });
  // Host-direction messages echoed back, and replies pretending to be requests.
  for (const type of ['loading', 'state', 'loadError', 'progress', 'conflict', 'saved', 'saveError', 'done']) {
    out.push({ type, replyTo: 'a' }, { type, id: 'a' }, { type, id: 'a', replyTo: 'a', contact });
  }
  // Things that are not plain data: accessors, proxies, class instances, cycles, huge strings.
  const throwing = { type: 'ready', get id(): string { throw new Error('boom'); } };
  const getterType = { get type(): string { throw new Error('boom'); }, id: 'a' };
  const proxy = new Proxy({}, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); }, getOwnPropertyDescriptor() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('trap'); } });
  const revocable = Proxy.revocable({ type: 'ready', id: 'a' }, {}); revocable.revoke();
  const lying = new Proxy({ type: 'ready', id: 'a' }, { getPrototypeOf: () => Object.prototype, ownKeys: () => ['type', 'id', 'id'] });
  class Message { type = 'ready'; id = 'a'; }
  const cyclic: Record<string, unknown> = { type: 'save', id: 'a' }; cyclic.contact = cyclic;
  const contactGetter = { type: 'save', id: 'a', contact: { ...contact, get name(): string { return 'Wingtip'; } } };
  out.push(throwing, getterType, proxy, revocable.proxy, lying, new Message(), cyclic, contactGetter, new Date(), /ready/, new Map([['type', 'ready']]),
    { type: 'ready', id: 'a'.repeat(1_000_000) }, { type: 'save', id: 'a', contact: { ...contact, name: 'n'.repeat(1_000_000) } },
    Object.assign(Object.create({ type: 'ready', id: 'a' }) as object, {}), { [Symbol('type')]: 'ready', type: 'ready', id: 'a' });
  return out;
}

test('rejects at least 200 generated hostile or malformed messages without throwing', () => {
  const messages = hostileMessages();
  assert.ok(messages.length >= 200, `only ${messages.length} generated`);
  messages.forEach((m, i) => {
    let result: unknown;
    assert.doesNotThrow(() => { result = parsePageMessage(m); }, `message #${i} threw`);
    assert.equal(result, undefined, `message #${i} was accepted: ${String(JSON.stringify(result))}`);
  });
});

test('random JSON-ish garbage never throws and is never accepted unless it is a valid message', () => {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const atoms: unknown[] = ['ready', 'save', 'reload', 'cancel', 'copyDetails', 'a', '', GUID, '123', 1, null, true, [], {}];
  const keys = ['type', 'id', 'contact', 'supportTenantId', 'supportMpnId', 'name', 'x'];
  const gen = (depth: number): unknown => {
    if (depth > 3 || rand() < 0.4) return atoms[Math.floor(rand() * atoms.length)];
    const o: Record<string, unknown> = {};
    const n = Math.floor(rand() * 4);
    for (let i = 0; i < n; i++) o[keys[Math.floor(rand() * keys.length)]] = gen(depth + 1);
    return o;
  };
  for (let i = 0; i < 2000; i++) {
    const m = gen(0);
    const r = parsePageMessage(m);
    if (r !== undefined) assert.deepEqual(r, m, 'an accepted message must be exactly what was sent');
  }
});

test('the persisted target and command arguments must be two GUIDs', () => {
  assert.deepEqual(parsePersistedTarget({ target: { customerId: GUID, subscriptionId: GUID }, form: { anything: 1 } }), { customerId: GUID, subscriptionId: GUID });
  for (const s of [undefined, null, 'x', {}, { target: null }, { target: { customerId: GUID } }, { target: { customerId: GUID, subscriptionId: 'x' } },
    { target: { customerId: GUID, subscriptionId: GUID, extra: 1 } }, { get target(): unknown { throw new Error('boom'); } }]) {
    assert.equal(parsePersistedTarget(s), undefined);
  }
  class Node { constructor(readonly customerId: string, readonly subscriptionId: string, readonly label = 'Office 365 E3') {} }
  assert.deepEqual(targetFromArgs(new Node(GUID, GUID)), { customerId: GUID, subscriptionId: GUID });
  assert.deepEqual(targetFromArgs({ customerId: GUID, subscriptionId: GUID }), { customerId: GUID, subscriptionId: GUID });
  for (const a of [undefined, null, GUID, { customerId: GUID }, { customerId: GUID, subscriptionId: '../x' }, { get customerId(): string { throw new Error('x'); } }]) {
    assert.equal(targetFromArgs(a), undefined);
  }
});
