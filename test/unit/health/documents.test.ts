// What the health check shows in its notification and summary document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { etaText, healthMarkdown, healthProgressText, healthResultText } from '../../../src/commands/healthDocuments';
import { summarize } from '../../../src/health/summary';
import type { InventoryCustomer } from '../../../src/health/inventory';

const tailspin = { id: 'bbbbbbbb-2222-4222-8222-222222222222', name: 'Tailspin Toys', mpnId: '2222222', state: 'Active', active: true };
const wingtip = { id: 'aaaaaaaa-1111-4111-8111-111111111111', name: 'Wingtip Toys', mpnId: '1111111', state: 'Active', active: true };
const customer = (i: number): InventoryCustomer => ({
  id: `0e0e0e0e-5555-4555-8555-${String(i).padStart(12, '0')}`, name: i === 0 ? '<b>Fabrikam</b> | Sons' : `Customer ${i}`, read: '2026-12-01T10:00:00Z', associatedPartnerId: tailspin.mpnId,
  subscriptions: [
    { id: `1f1f1f1f-0000-4000-8000-${String(i).padStart(12, '0')}`, name: 'Office 365 E3', offerId: 'x', status: 'active', nce: false, partnerId: tailspin.mpnId, contact: { supportTenantId: wingtip.id, supportMpnId: wingtip.mpnId, name: wingtip.name } },
    { id: `2f2f2f2f-0000-4000-8000-${String(i).padStart(12, '0')}`, name: 'Teams Essentials', offerId: 'CFQ7TTC0LH0R:0001:CFQ7TTC0K8R2', status: 'active', nce: true },
  ],
});

test('progress: counts, findings, the ETA once the customer list is complete', () => {
  assert.equal(healthProgressText({ customersDone: 120, customersListed: 500, listingComplete: false, requests: 300, customersWithErrors: 0 }, 7), '120 customers (listing…) · 7 findings');
  assert.equal(healthProgressText({ customersDone: 1200, customersListed: 10000, listingComplete: true, requests: 3000, etaSeconds: 185, customersWithErrors: 2 }, 1),
    "1,200 of 10,000 customers · 1 finding · about 3 min left at the throttle's pace · 2 could not be read");
  assert.equal(etaText(4), 'less than 10 s');
  assert.equal(etaText(44), 'about 40 s');
  assert.equal(etaText(4000), 'about 67 min');
  assert.equal(etaText(9000), 'about 2 h 30 min');
});

test('the result line and the summary document: totals, per rule, escaped names, NCE listed, a limit', () => {
  const s = summarize({ customers: [0, 1, 2].map(customer), resellers: [tailspin, wingtip] });
  assert.equal(healthResultText(s), 'Health check: 3 customers, 3 subscriptions checked; 3 subscriptions have the wrong support contact. 3 NCE subscriptions cannot be set through the API.');
  const doc = healthMarkdown(s, { account: 'admin@contoso', disabled: new Set(['resellerNotActive']) }, 2);
  assert.match(doc, /\| Not the partner of record \| notPartnerOfRecord \| 3 \|/);
  assert.match(doc, /\| Reseller relationship ended \| resellerNotActive \| switched off \|/);
  assert.match(doc, /\\<b\\>Fabrikam\\<\/b\\> \\\| Sons/);
  assert.ok(!doc.includes('<b>'));
  assert.match(doc, /Points at Wingtip Toys, sold by Tailspin Toys\./);
  assert.match(doc, /The first 2 of 3 findings:/);
  assert.match(doc, /NCE subscriptions: cannot be set through the API[\s\S]*Teams Essentials/);
});
