import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  camelizeKeys, isNce, normalizeCollection, normalizeCustomer, normalizeRelationship, normalizeSubscription, normalizeSupportContact,
} from '../../../src/partnerCenter/models';
import { isGuid, isMpnId, isValidName, paths, sameId, validateSupportContact } from '../../../src/partnerCenter/ids';
import { parseJsonTolerant } from '../../../src/partnerCenter/http';
import { resolveUrl, redactQuery } from '../../../src/partnerCenter/caller';

const g1 = '0b4a2c3e-1d2f-4a5b-8c9d-0e1f2a3b4c5d';
const g2 = 'AA4A2C3E-1D2F-4A5B-8C9D-0E1F2A3B4C5D';

test('camelizeKeys lower-cases first letters deeply', () => {
  assert.deepEqual(camelizeKeys({ SupportTenantId: 'x', Links: { Self: { Uri: 'u' } }, Items: [{ Id: 1 }] }),
    { supportTenantId: 'x', links: { self: { uri: 'u' } }, items: [{ id: 1 }] });
});

test('subscriptions: unknown status never crashes, NCE by either signal', () => {
  const s = normalizeSubscription({ Id: g1, OfferId: g2, Status: 'Migrating' });
  assert.equal(s.status, 'unknown');
  assert.equal(s.rawStatus, 'Migrating');
  assert.equal(normalizeSubscription({ id: g1, offerId: g2, status: 'Active' }).status, 'active');
  assert.equal(isNce({ offerId: 'CFQ7TTC0LH18:0001:CFQ7TTC0K971' }), true);
  assert.equal(isNce({ offerId: g2, productType: { id: 'OnlineServicesNCE' } }), true);
  assert.equal(isNce({ offerId: g2 }), false);
  assert.equal(normalizeSubscription(null).status, 'unknown');
});

test('collections, links, customers, relationships, contacts in either casing', () => {
  const page = normalizeCollection({
    TotalCount: 1, Items: [{ Id: g1, CompanyProfile: { CompanyName: 'Contoso', Domain: 'c.example' } }],
    Links: { Next: { Uri: '/customers?size=1', Method: 'GET', Headers: [{ Key: 'MS-ContinuationToken', Value: 'abc' }] } },
  }, normalizeCustomer);
  assert.equal(page.items[0].companyProfile.companyName, 'Contoso');
  assert.deepEqual(page.links.next, { uri: '/customers?size=1', method: 'GET', headers: [{ key: 'MS-ContinuationToken', value: 'abc' }] });
  const r = normalizeRelationship({ id: g1, name: 'R', state: 'ACTIVE', mpnId: 123 });
  assert.equal(r.active, true);
  assert.equal(r.mpnId, '123');
  assert.deepEqual(normalizeSupportContact({ SupportTenantId: g1, SupportMpnId: '1', Name: 'n' }), { supportTenantId: g1, supportMpnId: '1', name: 'n' });
});

test('JSON with a BOM parses; garbage is flagged', () => {
  assert.deepEqual(parseJsonTolerant('\uFEFF{"a":1}'), { value: { a: 1 }, ok: true });
  assert.deepEqual(parseJsonTolerant(''), { value: undefined, ok: true });
  assert.equal(parseJsonTolerant('<html>').ok, false);
});

test('ids: GUIDs, MPN ids, names, case-insensitive compare', () => {
  assert.ok(isGuid(g1) && isGuid(g2) && !isGuid('abc') && !isGuid(`${g1}/x`));
  assert.ok(sameId(g1.replace('0b', 'AA').toUpperCase(), g2) && !sameId(g1, undefined));
  assert.ok(isMpnId('4391507') && !isMpnId('43a') && !isMpnId(''));
  assert.ok(isValidName('x') && !isValidName(' ') && !isValidName('x'.repeat(257)) && isValidName('x'.repeat(256)));
  assert.throws(() => paths.customer('../x'), { kind: 'validation' });
  assert.equal(paths.supportContact(g1, g2), `/v1/customers/${g1}/subscriptions/${g2}/supportcontact`);
});

test('validateSupportContact checks the reseller list and keeps its spelling', () => {
  const resellers = [
    normalizeRelationship({ id: g2, name: 'Fabrikam', state: 'Active', mpnId: '111' }),
    normalizeRelationship({ id: g1, name: 'Gone', state: 'Terminated', mpnId: '222' }),
  ];
  const ok = validateSupportContact({ supportTenantId: g2.toLowerCase() }, resellers);
  assert.ok(ok.ok);
  if (ok.ok) assert.deepEqual(ok.contact, { supportTenantId: g2, supportMpnId: '111', name: 'Fabrikam' });
  const cases: [Parameters<typeof validateSupportContact>[0], string][] = [
    [{ supportTenantId: 'nope' }, 'tenantIdNotGuid'],
    [{ supportTenantId: g2, supportMpnId: '1x' }, 'mpnIdNotNumeric'],
    [{ supportTenantId: g2, supportMpnId: '999' }, 'mpnIdMismatch'],
    [{ supportTenantId: g1 }, 'resellerNotActive'],
    [{ supportTenantId: '11111111-1111-1111-1111-111111111111' }, 'notAReseller'],
  ];
  for (const [input, problem] of cases) {
    const v = validateSupportContact(input, resellers);
    assert.ok(!v.ok && v.issues[0].problem === problem, problem);
  }
});

test('link URIs resolve with or without /v1 and absolute ones stay on the base host', () => {
  const base = 'http://127.0.0.1:9/';
  assert.equal(resolveUrl(base, '/v1/customers?size=4'), 'http://127.0.0.1:9/v1/customers?size=4');
  assert.equal(resolveUrl(base, '/customers?size=4'), 'http://127.0.0.1:9/v1/customers?size=4');
  assert.equal(resolveUrl(base, 'customers'), 'http://127.0.0.1:9/v1/customers');
  assert.equal(resolveUrl(base, 'https://evil.example/v1/customers?x=1'), 'http://127.0.0.1:9/v1/customers?x=1');
  assert.equal(redactQuery('/v1/customers?size=4&filter=%7B%7D'), '/v1/customers?size=***&filter=***');
});
