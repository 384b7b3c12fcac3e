// The read endpoints: customers (paging, filter search), customer, subscriptions, relationships, profile, headers, BOM.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Harness } from './emulatorHarness';

interface Link { uri: string; method: string; headers: Array<{ key: string; value: string }> }
interface Page<T> { totalCount: number; items: T[]; links: { self: Link; next?: Link }; attributes: { objectType: string } }
interface Customer { id: string; companyProfile: { tenantId: string; companyName: string; domain: string }; associatedPartnerId?: string; attributes: { objectType: string } }

describe('emulator read endpoints', () => {
  let h: Harness;
  before(async () => { h = await Harness.start({ customers: 230 }); });
  after(() => h.close());

  it('pages customers across three pages with links.next and MS-ContinuationToken', async () => {
    const seen: string[] = [];
    let response = await h.api('/v1/customers?size=100');
    let pages = 0;
    for (;;) {
      assert.equal(response.status, 200);
      const page = response.json as Page<Customer>;
      pages++;
      assert.equal(page.attributes.objectType, 'Collection');
      assert.equal(page.totalCount, page.items.length);
      seen.push(...page.items.map((c) => c.id));
      if (!page.links.next) break;
      assert.equal(page.links.next.method, 'GET');
      assert.match(page.links.next.uri, /^\/v1\/customers\?size=100&seekOperation=Next$/);
      const token = page.links.next.headers.find((x) => x.key === 'MS-ContinuationToken');
      assert.ok(token);
      response = await h.api(page.links.next.uri, { headers: { 'MS-ContinuationToken': token.value } });
    }
    assert.equal(pages, 3);
    assert.equal(seen.length, 230);
    assert.equal(new Set(seen.map((id) => id.toLowerCase())).size, 230);
  });

  it('defaults size to 100 (also for size=0, as the SDK and the documented searches send) and rejects sizes outside 0..500', async () => {
    assert.equal(((await h.api('/v1/customers')).json as Page<Customer>).items.length, 100);
    assert.equal(((await h.api('/v1/customers?size=0')).json as Page<Customer>).items.length, 100);
    assert.equal(((await h.api('/v1/customers?size=500')).json as Page<Customer>).items.length, 230);
    for (const size of ['501', 'abc', '-1', '2.5']) {
      const response = await h.api(`/v1/customers?size=${size}`);
      assert.equal(response.status, 400, size);
      assert.deepEqual(Object.keys(response.json as object), ['code', 'description', 'data', 'source']);
      assert.equal((response.json as { code: number }).code, 800002);
    }
  });

  it('rejects a next-page request without a valid continuation token', async () => {
    assert.equal((await h.api('/v1/customers?size=10&seekOperation=Next')).status, 400);
    assert.equal((await h.api('/v1/customers?size=10&seekOperation=Next', { headers: { 'MS-ContinuationToken': 'garbage' } })).status, 400);
  });

  it('searches by company name (starts_with, case-insensitive) incl. markup and non-Latin names', async () => {
    const search = async (field: string, value: string, size = 100) => {
      const filter = encodeURIComponent(JSON.stringify({ Field: field, Value: value, Operator: 'starts_with' }));
      const response = await h.api(`/v1/customers?size=${size}&filter=${filter}`);
      assert.equal(response.status, 200);
      return response.json as Page<Customer>;
    };
    const fabrikam = await search('CompanyName', '<B>fabrikam');
    assert.deepEqual(fabrikam.items.map((c) => c.companyProfile.companyName), ['<b>Fabrikam</b> & Sons']);
    assert.equal((await search('CompanyName', '株式会社')).items[0].companyProfile.companyName, '株式会社テスト');
    assert.equal((await search('CompanyName', 'müller')).items[0].companyProfile.companyName, 'Müller GmbH');
    const contoso = await search('companyname', 'contoso');
    assert.ok(contoso.items.length > 0);
    assert.ok(contoso.items.every((c) => c.companyProfile.companyName.toLowerCase().startsWith('contoso')));
    const byDomain = await search('Domain', contoso.items[0].companyProfile.domain.toUpperCase());
    assert.equal(byDomain.items[0].id, contoso.items[0].id);
    assert.equal((await search('CompanyName', 'no such company')).items.length, 0);
  });

  it('keeps the filter in the next link of a filtered list', async () => {
    const filter = JSON.stringify({ Field: 'CompanyName', Value: '', Operator: 'starts_with' });
    const first = (await h.api(`/v1/customers?size=100&filter=${encodeURIComponent(filter)}`)).json as Page<Customer>;
    assert.ok(first.links.next);
    assert.equal(new URL(first.links.next.uri, 'http://x').searchParams.get('filter'), filter);
    const second = await h.api(`/v1${first.links.next.uri}`, { headers: { 'MS-ContinuationToken': first.links.next.headers[0].value } });
    assert.equal(second.status, 200);
    assert.equal((second.json as Page<Customer>).items.length, 100);
  });

  it('filters by indirect reseller tenant id: the customers that reseller serves', async () => {
    const seed = await h.admin.seed();
    const resellerId = seed[0].resellerId;
    assert.ok(resellerId);
    const filter = encodeURIComponent(JSON.stringify({ Field: 'IndirectReseller', Value: resellerId.toUpperCase(), Operator: 'starts_with' }));
    const page = (await h.api(`/v1/customers?size=500&filter=${filter}`)).json as Page<Customer>;
    const expected = seed.filter((c) => c.resellerId?.toLowerCase() === resellerId.toLowerCase()).map((c) => c.id);
    assert.ok(expected.length > 0);
    assert.deepEqual(page.items.map((c) => c.id).filter((id) => expected.includes(id)), expected);
    const resellers = await h.admin.resellers();
    const mpn = resellers.find((r) => r.id.toLowerCase() === resellerId.toLowerCase())?.mpnId;
    assert.ok(page.items.every((c) => c.associatedPartnerId === mpn));
    const rel = await h.api(`/v1/customers/${page.items[0].id}/relationships`);
    assert.equal((rel.json as Page<{ id: string }>).items[0].id.toLowerCase(), resellerId.toLowerCase());
  });

  it('filters by indirect cloud solution provider and rejects bad filters', async () => {
    const icsp = encodeURIComponent(JSON.stringify({ field: 'IndirectCloudSolutionProvider', value: h.emulator.partnerTenantId, operator: 'starts_with' }));
    assert.equal(((await h.api(`/v1/customers?size=500&filter=${icsp}`)).json as Page<Customer>).items.length, 230);
    for (const bad of ['not json', JSON.stringify({ Field: 'Nope', Value: 'x', Operator: 'starts_with' }),
      JSON.stringify({ Field: 'CompanyName', Value: 'x', Operator: 'equals' }), JSON.stringify({ Field: 'CompanyName', Value: 3, Operator: 'starts_with' })]) {
      assert.equal((await h.api(`/v1/customers?filter=${encodeURIComponent(bad)}`)).status, 400, bad);
    }
  });

  it('gets a customer by id, case-insensitively; 400 for a bad GUID; 403/20002 for an unknown one', async () => {
    const [first] = await h.admin.seed();
    const response = await h.api(`/v1/customers/${first.id.toUpperCase()}`);
    assert.equal(response.status, 200);
    const customer = response.json as Customer;
    assert.equal(customer.id, first.id);
    assert.equal(customer.attributes.objectType, 'Customer');
    assert.equal((await h.api('/v1/customers/not-a-guid')).status, 400);
    const missing = await h.api('/v1/customers/00000000-0000-4000-8000-000000000000');
    assert.equal(missing.status, 403);
    assert.equal((missing.json as { code: number }).code, 20002);
    assert.match((missing.json as { description: string }).description, /^The partner id \d+ has no commerce relationship with the customer id 00000000-0000-4000-8000-000000000000\.$/);
  });

  it('lists subscriptions (legacy and NCE) and gets one subscription', async () => {
    const [first] = await h.admin.seed();
    const response = await h.api(`/v1/customers/${first.id}/subscriptions`);
    assert.equal(response.status, 200);
    const subs = response.json as Page<{ id: string; offerId: string; status: string; productType?: { id: string }; attributes: { objectType: string; etag: string }; contractType: string }>;
    assert.equal(subs.links, undefined); // not paged, and no links: as documented
    assert.equal(subs.totalCount, first.subscriptions.length);
    const nce = subs.items.find((s) => s.productType?.id === 'OnlineServicesNCE');
    assert.ok(nce);
    assert.match(nce.offerId, /^[A-Z0-9]{12}:\d{4}:[A-Z0-9]{12}$/);
    assert.ok(subs.items.some((s) => /^[0-9a-f-]{36}$/i.test(s.offerId) && !s.productType));
    assert.ok(subs.items.every((s) => s.attributes.objectType === 'Subscription' && s.contractType === 'subscription'));
    const one = await h.api(`/v1/customers/${first.id}/subscriptions/${subs.items[1].id.toUpperCase()}`);
    assert.equal(one.status, 200);
    assert.equal((one.json as { id: string }).id, subs.items[1].id);
    assert.equal((await h.api(`/v1/customers/${first.id}/subscriptions/00000000-0000-4000-8000-000000000000`)).status, 404);
    assert.equal((await h.api(`/v1/customers/${first.id}/subscriptions/xyz`)).status, 400);
  });

  it('seeds statuses, trials, contacts and mixed-case ids deterministically', async () => {
    const seed = await h.admin.seed({ all: true });
    assert.equal(seed.length, 230);
    const subs = seed.flatMap((c) => c.subscriptions);
    for (const status of ['active', 'suspended', 'deleted', 'expired', 'pending']) assert.ok(subs.some((s) => s.status === status), status);
    // Only the documented statuses; only NCE subscriptions expire.
    assert.ok(subs.every((s) => ['active', 'suspended', 'deleted', 'pending'].includes(s.status) || (s.status === 'expired' && s.nce)));
    assert.ok(subs.some((s) => s.isTrial));
    assert.ok(subs.some((s) => s.supportContact !== null) && subs.some((s) => !s.nce && s.supportContact === null));
    assert.ok(seed.some((c) => c.id !== c.id.toLowerCase()));
    const again = await Harness.start({ customers: 230 });
    try {
      assert.deepEqual(await again.admin.seed(), await h.admin.seed());
    } finally {
      await again.close();
    }
  });

  it('lists the partner\'s indirect resellers (some not Active) and a customer\'s relationships', async () => {
    const response = await h.api('/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf');
    assert.equal(response.status, 200);
    const page = response.json as Page<{ id: string; name: string; relationshipType: string; state: string; mpnId: string; attributes: { objectType: string } }>;
    assert.equal(page.items.length, 20);
    assert.ok(page.items.some((r) => r.state !== 'Active'));
    assert.ok(page.items.every((r) => r.relationshipType === 'is_indirect_cloud_solution_provider_of' && /^\d+$/.test(r.mpnId)));
    assert.equal((await h.api('/v1/relationships?relationship_type=Other')).status, 400);
    const served = (await h.admin.seed()).find((c) => c.resellerId !== null);
    assert.ok(served);
    const theirs = (await h.api(`/v1/customers/${served.id}/relationships`)).json as Page<Record<string, unknown>>;
    // As documented (get-indirect-resellers-of-a-customer.md): the provider-of type, no state, no location.
    assert.deepEqual(Object.keys(theirs.items[0]), ['id', 'name', 'relationshipType', 'mpnId', 'attributes']);
    assert.equal(theirs.items[0].relationshipType, 'is_indirect_cloud_solution_provider_of');
    const direct = (await h.admin.seed()).find((c) => c.resellerId === null);
    assert.ok(direct);
    const none = await h.api(`/v1/customers/${direct.id}/relationships`);
    assert.equal(none.status, 200);
    assert.deepEqual((none.json as Page<unknown>).items, []);
  });

  it('serves the partner profile', async () => {
    const response = await h.api('/v1/profiles/organization');
    assert.equal(response.status, 200);
    assert.equal((response.json as { tenantId: string }).tenantId, h.emulator.partnerTenantId);
  });

  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    assert.equal((await h.api('/v1/nothing')).status, 404);
    assert.equal((await h.api('/v1/customers', { method: 'DELETE' })).status, 405);
  });

  it('echoes MS-RequestId/MS-CorrelationId, sets MS-CV/MS-ServerId/Date/Content-Type, logs X-Locale', async () => {
    const response = await h.api('/v1/customers?size=1', { headers: { 'MS-RequestId': 'req-1', 'MS-CorrelationId': 'corr-1', 'X-Locale': 'de-DE' } });
    assert.equal(response.headers.get('ms-requestid'), 'req-1');
    assert.equal(response.headers.get('ms-correlationid'), 'corr-1');
    assert.match(response.headers.get('ms-cv') ?? '', /^\S+\.0$/);
    assert.ok(response.headers.get('ms-serverid'));
    assert.ok(response.headers.get('date'));
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.ok(!response.text.startsWith('\uFEFF'));
    const generated = await h.api('/v1/customers?size=1');
    assert.match(generated.headers.get('ms-requestid') ?? '', /^[0-9a-f-]{36}$/);
    assert.match(generated.headers.get('ms-correlationid') ?? '', /^[0-9a-f-]{36}$/);
    const entry = (await h.admin.requests()).find((e) => e.requestId === 'req-1');
    assert.ok(entry);
    assert.equal(entry.locale, 'de-DE');
    assert.equal(entry.correlationId, 'corr-1');
    assert.equal(entry.status, 200);
  });
});

describe('emulator BOM mode', () => {
  it('starts every JSON body (incl. errors) with a UTF-8 BOM', async () => {
    const h = await Harness.start({ customers: 5, bom: true });
    try {
      const raw = await fetch(`${h.emulator.url}/v1/customers?size=1`, { headers: { Authorization: 'Bearer static-test-token' } });
      const bytes = Buffer.from(await raw.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const error = await h.api('/v1/customers/bad');
      assert.ok(error.text.startsWith('\uFEFF'));
      assert.equal(error.status, 400);
    } finally {
      await h.close();
    }
  });
});
