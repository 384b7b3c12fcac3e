// Loads everything the editor shows — customer, subscription, current contact, the partner's
// indirect resellers — with independent requests in parallel (the reseller list is cached by the
// client after the first open). Plain Node: no vscode import, so the bench and unit tests use it.
import {
  customerName, details, isNce, isPartnerCenterError, subscriptionName, toUserMessage,
  type Customer, type OperationContext, type PartnerCenterClient, type ResellerRelationship, type Subscription, type SupportContact,
} from '../partnerCenter';
import type { ContactView, EditorData, EditorTarget, ErrorView } from './shared/protocol';

export type EditorDataSource = Pick<PartnerCenterClient, 'getCustomer' | 'getSubscription' | 'getSupportContact' | 'listIndirectResellers'>;

export interface LoadOptions {
  ctx?: OperationContext;
  /** Fetch the reseller list again instead of using the client's cached one. */
  refreshResellers?: boolean;
}

export async function loadEditorData(client: EditorDataSource, target: EditorTarget, options: LoadOptions = {}): Promise<EditorData> {
  const ctx = options.ctx ?? {};
  const { customerId, subscriptionId } = target;
  const [customer, subscription, contact, resellers] = await Promise.all([
    client.getCustomer(customerId, ctx),
    client.getSubscription(customerId, subscriptionId, ctx),
    // An NCE subscription answers 400 "not supported": that is a fact to show, not a failure.
    client.getSupportContact(customerId, subscriptionId, ctx).catch((err: unknown) => {
      if (isPartnerCenterError(err) && err.kind === 'nce') return 'nce' as const;
      throw err;
    }),
    client.listIndirectResellers(ctx, { refresh: options.refreshResellers }),
  ]);
  return toEditorData(customer, subscription, contact === 'nce' ? null : contact, resellers, contact === 'nce');
}

export function toEditorData(
  customer: Customer, sub: Subscription, contact: SupportContact | null, resellers: readonly ResellerRelationship[], nceAnswer = false,
): EditorData {
  return {
    customer: { id: customer.id, companyName: customerName(customer), domain: customer.companyProfile.domain ?? '' },
    subscription: {
      id: sub.id,
      name: subscriptionName(sub),
      offerName: sub.offerName ?? '',
      offerId: sub.offerId,
      status: sub.rawStatus ?? sub.status,
      nce: nceAnswer || isNce(sub),
      ...(sub.quantity === undefined ? {} : { quantity: sub.quantity }),
    },
    contact: contact ? toContactView(contact) : null,
    resellers: resellers.map((r) => ({ id: r.id, name: r.name, mpnId: r.mpnId, active: r.active })),
  };
}

export function toContactView(c: SupportContact): ContactView {
  return { supportTenantId: c.supportTenantId, supportMpnId: c.supportMpnId, name: c.name, ...(c.indirectProvider ? { indirectProvider: true as const } : {}) };
}

/** The page's view of an error: the plain sentence, the service's description and the ids. */
export function toErrorView(err: unknown): ErrorView {
  const e = isPartnerCenterError(err) ? err : undefined;
  const view: ErrorView = { kind: e?.kind ?? 'unexpected', message: toUserMessage(err), details: details(err) };
  if (e?.description !== undefined) view.description = e.description;
  if (e?.status !== undefined) view.status = e.status;
  if (e?.code !== undefined) view.code = String(e.code);
  if (e?.requestId) view.requestId = e.requestId;
  if (e?.correlationId) view.correlationId = e.correlationId;
  if (e?.unconfirmed) view.unconfirmed = true;
  return view;
}
