// GET/PUT support contact: the documented example, the check order, every rejection, exactly-once PUT.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { FaultSpec, Reseller, SeedCustomer, SeedSubscription } from '../../emulator/index';
import { Harness, contactPath } from './emulatorHarness';

describe('emulator support contact', () => {
  let h: Harness;
  let customer: SeedCustomer;
  let legacyActive: SeedSubscription; // no contact set
  let withContact: SeedSubscription;
  let nce: SeedSubscription;
  let suspended: SeedSubscription;
  let wingtip: Reseller;
  let tailspin: Reseller;
  let inactive: Reseller;

  before(async () => {
    h = await Harness.start({ customers: 50 });
  });
  beforeEach(async () => {
    await h.admin.reset();
    [customer] = await h.admin.seed();
    const find = (test: (s: SeedSubscription) => boolean) => {
      const found = customer.subscriptions.find(test);
      assert.ok(found);
      return found;
    };
    legacyActive = find((s) => !s.nce && s.status === 'active' && !s.supportContact && !s.isTrial);
    withContact = find((s) => !s.nce && s.status === 'active' && s.supportContact !== null);
    nce = find((s) => s.nce);
    suspended = find((s) => s.status === 'suspended');
    const resellers = await h.admin.resellers();
    wingtip = resellers.find((r) => r.name === 'Wingtip Toys') as Reseller;
    tailspin = resellers.find((r) => r.name === 'Tailspin Toys') as Reseller;
    inactive = resellers.find((r) => r.state !== 'Active') as Reseller;
  });
  after(() => h.close());

  const contactOf = (c: string, s: string) => h.admin.contactOf(c, s);
  const bodyFor = (r: Reseller) => ({ SupportTenantId: r.id, SupportMpnId: r.mpnId, Name: r.name });

  it('answers the documented PascalCase request example with the documented camelCase response', async () => {
    const self = `/customers/${customer.id}/subscriptions/${legacyActive.id}/supportcontact`;
    const request = {
      SupportTenantId: wingtip.id, SupportMpnId: wingtip.mpnId, Name: 'Wingtip Toys',
      Links: { Self: { Uri: self, Method: 'Get', Headers: [] } }, Attributes: { ObjectType: 'SupportContact' },
    };
    const response = await h.api(contactPath(customer.id, legacyActive.id), { method: 'PUT', body: request, headers: { 'MS-RequestId': 'doc-example' } });
    assert.equal(response.status, 200);
    const expected = {
      supportTenantId: wingtip.id, supportMpnId: wingtip.mpnId, name: 'Wingtip Toys',
      links: { self: { uri: self, method: 'Get', headers: [] } }, attributes: { objectType: 'SupportContact' },
    };
    assert.equal(response.text, JSON.stringify(expected)); // same keys, same order, camelCase
    assert.deepEqual(await contactOf(customer.id, legacyActive.id), { supportTenantId: wingtip.id, supportMpnId: wingtip.mpnId, name: 'Wingtip Toys' });
    const read = await h.api(contactPath(customer.id.toUpperCase(), legacyActive.id.toUpperCase()));
    assert.equal(read.status, 200);
    assert.equal(read.text, JSON.stringify(expected));
    const entry = (await h.admin.requests()).find((e) => e.requestId === 'doc-example');
    assert.equal(entry?.applied, true);
  });

  it('acceptedEmpty / acceptedEmptyObject: an accepted PUT is applied and answered 200 with no body, or with {}; only PUTs (method) are touched', async () => {
    await h.admin.setFaults({ acceptedEmpty: 1, acceptedEmptyObject: 1, pathPattern: '/supportcontact$', method: 'PUT' });
    assert.equal((await h.api(contactPath(customer.id, withContact.id))).status, 200); // a GET: as it was
    assert.deepEqual(await h.admin.faults(), { acceptedEmpty: 1, acceptedEmptyObject: 1, pathPattern: '/supportcontact$', method: 'PUT' });
    const empty = await h.api(contactPath(customer.id, legacyActive.id), { method: 'PUT', body: bodyFor(wingtip), headers: { 'MS-RequestId': 'accepted-empty' } });
    assert.equal(empty.status, 200);
    assert.equal(empty.text, '');
    assert.deepEqual(await contactOf(customer.id, legacyActive.id), { supportTenantId: wingtip.id, supportMpnId: wingtip.mpnId, name: wingtip.name });
    const object = await h.api(contactPath(customer.id, legacyActive.id), { method: 'PUT', body: bodyFor(tailspin) });
    assert.equal(object.status, 200);
    assert.equal(object.text, '{}');
    assert.deepEqual(await contactOf(customer.id, legacyActive.id), { supportTenantId: tailspin.id, supportMpnId: tailspin.mpnId, name: tailspin.name });
    const entry = (await h.admin.requests()).find((e) => e.requestId === 'accepted-empty');
    assert.equal(entry?.applied, true);
    // A replay of the same request id gets the same (empty) answer, and a rejected PUT is not touched.
    const replay = await h.api(contactPath(customer.id, legacyActive.id), { method: 'PUT', body: bodyFor(wingtip), headers: { 'MS-RequestId': 'accepted-empty' } });
    assert.equal(replay.text, '');
    await h.admin.setFaults({ acceptedEmpty: 1 });
    assert.equal((await h.api(contactPath(customer.id, suspended.id), { method: 'PUT', body: bodyFor(wingtip) })).status, 400);
    assert.deepEqual(await h.admin.faults(), { acceptedEmpty: 1 });
    await h.admin.clearFaults();
    const bad = await fetch(`${h.emulator.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ method: 'FETCH' }) });
    assert.equal(bad.status, 400);
    await bad.arrayBuffer();
  });

  it('accepts camelCase bodies and stores the name as sent', async () => {
    const response = await h.api(contactPath(customer.id, legacyActive.id), {
      method: 'PUT', body: { supportTenantId: tailspin.id.toUpperCase(), supportMpnId: tailspin.mpnId, name: 'Tailspin (my label)' },
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await contactOf(customer.id, legacyActive.id), { supportTenantId: tailspin.id.toUpperCase(), supportMpnId: tailspin.mpnId, name: 'Tailspin (my label)' });
  });

  it('GET: 400 bad GUIDs, 403/20002 unknown customer, 404/20003 unknown subscription, 400 NCE, the indirect provider when no reseller is set', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const expectError = async (path: string, status: number, code: number | string) => {
      const response = await h.api(path);
      assert.equal(response.status, status, path);
      assert.equal((response.json as { code: unknown }).code, code, path);
      assert.equal((response.json as { source: string }).source, 'PartnerFD');
    };
    await expectError(contactPath('nope', legacyActive.id), 400, 800002);
    await expectError(contactPath(customer.id, 'nope'), 400, 800002);
    await expectError(contactPath(unknown, legacyActive.id), 403, 20002);
    await expectError(contactPath(customer.id, unknown), 404, 20003);
    await expectError(contactPath(customer.id, nce.id), 400, 'NewCommerceNotSupported');
    // "For new subscriptions, the designated support contact defaults to the indirect provider."
    const provider = await h.api(contactPath(customer.id, legacyActive.id));
    assert.equal(provider.status, 200);
    const partner = await h.api('/v1/profiles/organization');
    assert.equal((provider.json as { supportTenantId: string }).supportTenantId, (partner.json as { tenantId: string }).tenantId);
    assert.equal((provider.json as { name: string }).name, 'Contoso Distribution');
    const ok = await h.api(contactPath(customer.id, withContact.id));
    assert.equal(ok.status, 200);
    assert.equal((ok.json as { supportMpnId: string }).supportMpnId, withContact.supportContact?.supportMpnId);
  });

  it('PUT checks path ids → existence → NCE → not active → body, first failure answers', async () => {
    const bad = { SupportTenantId: 'x', SupportMpnId: '', Name: '' };
    const put = (c: string, s: string, body: unknown) => h.api(contactPath(c, s), { method: 'PUT', body });
    const nceAnswer = await put(customer.id, nce.id, bad);
    assert.equal(nceAnswer.status, 400);
    assert.match((nceAnswer.json as { description: string }).description, /new commerce/i);
    assert.equal((await put(customer.id, '00000000-0000-4000-8000-000000000000', bad)).status, 404);
    assert.equal((await put('bad', '00000000-0000-4000-8000-000000000000', bad)).status, 400);
    const notActive = await put(customer.id, suspended.id, bad);
    assert.equal(notActive.status, 400);
    assert.equal((notActive.json as { code: number }).code, 800091);
    assert.equal(((await put(customer.id, suspended.id, bodyFor(wingtip))).json as { code: number }).code, 800091);
    const deleted = customer.subscriptions.find((s) => !s.nce && s.status === 'deleted');
    assert.ok(deleted);
    const gone = await put(customer.id, deleted.id, bodyFor(wingtip));
    assert.equal(gone.status, 400);
    assert.deepEqual(gone.json, { code: 2011, description: `Subscription with id ${deleted.id} and deleted status cannot be updated.`, data: [], source: 'PartnerFD' });
  });

  it('PUT rejects malformed bodies with 400 (800002 "Invalid request input")', async () => {
    const cases: unknown[] = [
      'not json', '[]',
      { SupportTenantId: 'not-a-guid', SupportMpnId: wingtip.mpnId, Name: 'x' },
      { SupportTenantId: wingtip.id, SupportMpnId: '', Name: 'x' },
      { SupportTenantId: wingtip.id, SupportMpnId: '12ab', Name: 'x' },
      { SupportTenantId: wingtip.id, SupportMpnId: 4391507, Name: 'x' },
      { SupportTenantId: wingtip.id, SupportMpnId: wingtip.mpnId, Name: '   ' },
      { SupportTenantId: wingtip.id, SupportMpnId: wingtip.mpnId, Name: 'n'.repeat(257) },
    ];
    for (const body of cases) {
      const response = await h.api(contactPath(customer.id, legacyActive.id), { method: 'PUT', body });
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal((response.json as { code: number }).code, 800002, JSON.stringify(body));
    }
    const longest = await h.api(contactPath(customer.id, legacyActive.id), { method: 'PUT', body: { ...bodyFor(wingtip), Name: 'n'.repeat(256) } });
    assert.equal(longest.status, 200);
  });

  it('PUT rejects a contact that is not one of the partner\'s indirect resellers (400/800016) or not Active (403/800039)', async () => {
    const cases = [
      { body: { SupportTenantId: '11111111-1111-4111-8111-111111111111', SupportMpnId: '4391507', Name: 'Stranger' }, status: 400, code: 800016 },
      { body: { ...bodyFor(wingtip), SupportMpnId: tailspin.mpnId }, status: 400, code: 800016 },
      { body: bodyFor(inactive), status: 403, code: 800039 },
    ];
    for (const { body, status, code } of cases) {
      const response = await h.api(contactPath(customer.id, legacyActive.id), { method: 'PUT', body });
      assert.equal(response.status, status);
      assert.equal((response.json as { code: number }).code, code);
    }
    assert.equal(await contactOf(customer.id, legacyActive.id), null);
  });

  it('applies a PUT once per MS-RequestId, even with another change in between', async () => {
    const path = contactPath(customer.id, legacyActive.id);
    const first = await h.api(path, { method: 'PUT', body: bodyFor(wingtip), headers: { 'MS-RequestId': 'r-1' } });
    const other = await h.api(path, { method: 'PUT', body: bodyFor(tailspin), headers: { 'MS-RequestId': 'r-2' } });
    assert.equal(first.status, 200);
    assert.equal(other.status, 200);
    const repeat = await h.api(path, { method: 'PUT', body: bodyFor(wingtip), headers: { 'MS-RequestId': 'R-1' } });
    assert.equal(repeat.status, 200);
    assert.equal(repeat.text, first.text);
    assert.equal((await contactOf(customer.id, legacyActive.id))?.name, 'Tailspin Toys');
    const log = (await h.admin.requests()).filter((e) => e.method === 'PUT');
    assert.deepEqual(log.map((e) => [e.requestId, e.applied, e.note]), [['r-1', true, undefined], ['r-2', true, undefined], ['R-1', false, 'replayed']]);
  });

  it('replays a rejected first answer too, and applies retries of attempts that were throttled or failed', async () => {
    const path = contactPath(customer.id, legacyActive.id);
    const rejected = await h.api(path, { method: 'PUT', body: bodyFor(inactive), headers: { 'MS-RequestId': 'r-bad' } });
    assert.equal(rejected.status, 403);
    const again = await h.api(path, { method: 'PUT', body: bodyFor(wingtip), headers: { 'MS-RequestId': 'r-bad' } });
    assert.equal(again.status, 403);
    assert.equal(await contactOf(customer.id, legacyActive.id), null);

    for (const fault of [{ throttle: 1 }, { next: 1, status: 503 }, { next: 1, status: 500 }, { reset: 1 }] satisfies FaultSpec[]) {
      const id = `retry-${JSON.stringify(fault)}`;
      await h.admin.setFaults(fault);
      await h.api(path, { method: 'PUT', body: bodyFor(tailspin), headers: { 'MS-RequestId': id } }).then(
        (r) => assert.ok(r.status === 429 || r.status >= 500), () => undefined);
      await h.api(path, { method: 'PUT', body: bodyFor(wingtip), headers: { 'MS-RequestId': `between-${id}` } });
      const retry = await h.api(path, { method: 'PUT', body: bodyFor(tailspin), headers: { 'MS-RequestId': id } });
      assert.equal(retry.status, 200);
      assert.equal((await contactOf(customer.id, legacyActive.id))?.name, 'Tailspin Toys', id);
      const entries = (await h.admin.requests()).filter((e) => e.requestId === id);
      assert.equal(entries.at(-1)?.applied, true);
      await h.admin.clearFaults();
    }
  });

  it('applies PUTs without an MS-RequestId each time', async () => {
    const path = contactPath(customer.id, legacyActive.id);
    assert.equal((await h.api(path, { method: 'PUT', body: bodyFor(wingtip) })).status, 200);
    assert.equal((await h.api(path, { method: 'PUT', body: bodyFor(tailspin) })).status, 200);
    assert.equal((await contactOf(customer.id, legacyActive.id))?.name, 'Tailspin Toys');
  });
});
