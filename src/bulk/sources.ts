// Expands what the user picked (a customer, a reseller) into plan targets. Plain Node: no vscode import.

import {
  PartnerCenterError, customerName, isNce, isPartnerCenterError, sameId,
  type Customer, type OperationContext, type PartnerCenterClient, type ResellerRelationship, type Subscription, type SupportContact,
} from '../partnerCenter';
import type { PlanTarget } from './plan';
import { forEachLimited } from './pool';

/** Every subscription of one customer. */
export async function targetsForCustomer(
  client: PartnerCenterClient, customer: { id: string; name?: string }, ctx: OperationContext = {},
): Promise<PlanTarget[]> {
  const subs = await client.listSubscriptions(customer.id, ctx);
  return subs.map((subscription) => ({ customerId: customer.id, customerName: customer.name, subscription }));
}

export interface ResellerScanProgress { customers: number; customersScanned: number; subscriptionsChecked: number; found: number }

export interface ResellerScanOptions {
  ctx?: OperationContext;
  /** Requests prepared at once (default 8); the client's limiter paces them. */
  concurrency?: number;
  pageSize?: number;
  onProgress?: (p: ResellerScanProgress) => void;
}

/**
 * Everything a reseller currently supports: the customers it serves (server-side `IndirectReseller`
 * filter with its tenant id), then each customer's non-NCE subscriptions whose current support contact
 * is that reseller. Costs one request per customer plus one per legacy subscription; the targets carry
 * the contact that was read, so planning does not read it again.
 */
export async function targetsForReseller(
  client: PartnerCenterClient, reseller: Pick<ResellerRelationship, 'id'>, options: ResellerScanOptions = {},
): Promise<PlanTarget[]> {
  const ctx = options.ctx ?? {};
  const limit = options.concurrency ?? 8;
  const customers: Customer[] = [];
  for await (const page of client.searchCustomers(reseller.id, 'IndirectReseller', { pageSize: options.pageSize ?? 100 }, ctx)) {
    customers.push(...page.items);
  }
  const progress: ResellerScanProgress = { customers: customers.length, customersScanned: 0, subscriptionsChecked: 0, found: 0 };
  const candidates: { customer: Customer; subscription: Subscription }[] = [];
  await forEachLimited(customers, limit, async (customer) => {
    for (const subscription of await client.listSubscriptions(customer.id, ctx)) {
      if (!isNce(subscription)) candidates.push({ customer, subscription });
    }
    progress.customersScanned++;
    options.onProgress?.({ ...progress });
  }, ctx.signal);
  const found: (PlanTarget | undefined)[] = new Array<PlanTarget | undefined>(candidates.length);
  await forEachLimited(candidates, limit, async ({ customer, subscription }, i) => {
    let contact: SupportContact | null;
    try {
      contact = await client.getSupportContact(customer.id, subscription.id, ctx);
    } catch (err) {
      if (isPartnerCenterError(err) && err.kind === 'nce') return; // NCE after all: no contact
      throw err;
    }
    progress.subscriptionsChecked++;
    if (contact && sameId(contact.supportTenantId, reseller.id)) {
      progress.found++;
      found[i] = { customerId: customer.id, customerName: customerName(customer), subscription, knownContact: contact };
    }
    options.onProgress?.({ ...progress });
  }, ctx.signal);
  if (ctx.signal?.aborted) throw new PartnerCenterError('cancelled', 'The operation was cancelled.');
  return found.filter((t): t is PlanTarget => t !== undefined);
}
