// The findings of the support-contact health check, as data: each rule has an id, a title, a
// sentence and a suggested fix built from the evidence, and a test. A legacy, active subscription
// gets at most one finding: the first enabled rule (in this order) that holds. NCE subscriptions are
// never findings: they are counted and listed as "cannot be set through the API". Plain Node.

import * as l10n from '@vscode/l10n';
import { sameId, type SupportContact } from '../partnerCenter';
import type { InventoryCustomer, InventoryReseller, InventorySubscription, ProviderIdentity } from './inventory';
import { plainText } from '../partnerCenter/safeText';

export type RuleId = 'noDesignatedReseller' | 'resellerNotInList' | 'resellerNotActive' | 'notPartnerOfRecord' | 'notCustomersReseller';

/** What a finding is based on, shown with it. */
export interface Evidence {
  contact: SupportContact | null;
  /** The contact's reseller in the partner's list (absent: not in the list, or no contact). */
  contactReseller?: InventoryReseller;
  /** The subscription's partner of record (`partnerId`) and its reseller when the list has it. */
  partnerOfRecord?: { mpnId: string; reseller?: InventoryReseller };
  /** The customer's own indirect reseller (`associatedPartnerId`) and its reseller when the list has it. */
  customersReseller?: { mpnId: string; reseller?: InventoryReseller };
  /** The contact is the indirect provider itself. */
  isProvider: boolean;
}

export interface Finding {
  rule: RuleId;
  customerId: string;
  customerName: string;
  subscriptionId: string;
  subscriptionName: string;
  sentence: string;
  fix: string;
  /** The suggested new contact (an active reseller of the partner); absent: the partner has to choose. */
  target?: SupportContact;
  evidence: Evidence;
  /** When the contact was read. */
  read: string;
}

export interface Rule {
  id: RuleId;
  /** Short name for settings, chart legends and filters. */
  title: () => string;
  holds: (e: Evidence) => boolean;
  sentence: (e: Evidence) => string;
}

/** Looks resellers up by tenant id and by MPN id; knows the provider. */
export class RuleContext {
  private readonly byTenant = new Map<string, InventoryReseller>();
  private readonly byMpn = new Map<string, InventoryReseller>();

  constructor(readonly resellers: readonly InventoryReseller[], readonly provider: ProviderIdentity | undefined) {
    for (const r of resellers) {
      this.byTenant.set(r.id.toLowerCase(), r);
      if (!this.byMpn.has(r.mpnId) || r.active) this.byMpn.set(r.mpnId, r);
    }
  }

  resellerByTenant(tenantId: string): InventoryReseller | undefined { return this.byTenant.get(tenantId.toLowerCase()); }
  resellerByMpn(mpnId: string): InventoryReseller | undefined { return this.byMpn.get(mpnId); }

  isProvider(contact: SupportContact): boolean {
    const p = this.provider;
    if (!p) return false;
    return sameId(contact.supportTenantId, p.tenantId) || (p.mpnId !== undefined && contact.supportMpnId === p.mpnId);
  }
}

const named = (mpnId: string, r: InventoryReseller | undefined): string => (r?.name !== undefined ? plainText(r.name) : l10n.t('MPN ID {0}', mpnId));
const contactName = (c: SupportContact): string => c.name || l10n.t('MPN ID {0}', c.supportMpnId);
const sameMpn = (a: string, b: string): boolean => a.trim() === b.trim();

/** Every rule, in the order they are tried. */
export const rules: readonly Rule[] = [
  {
    id: 'noDesignatedReseller',
    title: () => l10n.t('No designated reseller'),
    holds: (e) => e.contact === null || e.isProvider,
    sentence: (e) => (e.contact === null
      ? l10n.t('No support contact is set: support calls go to you, the indirect provider.')
      : l10n.t('Points at {0}, the indirect provider itself: no reseller is designated.', plainText(contactName(e.contact)))),
  },
  {
    id: 'resellerNotInList',
    title: () => l10n.t('Not one of your resellers'),
    holds: (e) => e.contact !== null && !e.isProvider && !e.contactReseller,
    sentence: (e) => l10n.t('Points at {0} (tenant {1}), which is not in your list of indirect resellers.', plainText(contactName(e.contact as SupportContact)), plainText((e.contact as SupportContact).supportTenantId)),
  },
  {
    id: 'resellerNotActive',
    title: () => l10n.t('Reseller relationship ended'),
    holds: (e) => e.contactReseller !== undefined && !e.contactReseller.active,
    sentence: (e) => l10n.t('Points at {0}, whose reseller relationship is {1}.', plainText((e.contactReseller as InventoryReseller).name), plainText((e.contactReseller as InventoryReseller).state) || l10n.t('not active')),
  },
  {
    id: 'notPartnerOfRecord',
    title: () => l10n.t('Not the partner of record'),
    holds: (e) => e.contact !== null && e.partnerOfRecord !== undefined && !sameMpn(e.contact.supportMpnId, e.partnerOfRecord.mpnId),
    sentence: (e) => l10n.t('Points at {0}, sold by {1}.', plainText(contactName(e.contact as SupportContact)), named(e.partnerOfRecord?.mpnId ?? '', e.partnerOfRecord?.reseller)),
  },
  {
    id: 'notCustomersReseller',
    title: () => l10n.t("Not the customer's reseller"),
    holds: (e) => e.contact !== null && e.partnerOfRecord === undefined && e.customersReseller !== undefined
      && !sameMpn(e.contact.supportMpnId, e.customersReseller.mpnId),
    sentence: (e) => l10n.t("Points at {0}; the customer's reseller is {1}.", plainText(contactName(e.contact as SupportContact)), named(e.customersReseller?.mpnId ?? '', e.customersReseller?.reseller)),
  },
];

export const ruleIds: readonly RuleId[] = rules.map((r) => r.id);

export function isRuleId(value: unknown): value is RuleId {
  return typeof value === 'string' && (ruleIds as readonly string[]).includes(value);
}

export function evidenceFor(customer: InventoryCustomer, sub: InventorySubscription, ctx: RuleContext): Evidence | undefined {
  if (sub.contact === undefined) return undefined;
  const contact = sub.contact;
  const e: Evidence = { contact, isProvider: contact !== null && ctx.isProvider(contact) };
  if (contact) {
    const r = ctx.resellerByTenant(contact.supportTenantId);
    if (r) e.contactReseller = r;
  }
  if (sub.partnerId) e.partnerOfRecord = { mpnId: sub.partnerId, ...optionalReseller(ctx.resellerByMpn(sub.partnerId)) };
  if (customer.associatedPartnerId) e.customersReseller = { mpnId: customer.associatedPartnerId, ...optionalReseller(ctx.resellerByMpn(customer.associatedPartnerId)) };
  return e;
}

function optionalReseller(r: InventoryReseller | undefined): { reseller?: InventoryReseller } {
  return r ? { reseller: r } : {};
}

/** The reseller the subscription should point at: its partner of record, else the customer's reseller. */
function expectedReseller(e: Evidence): InventoryReseller | undefined {
  return e.partnerOfRecord ? e.partnerOfRecord.reseller : e.customersReseller?.reseller;
}

/** The suggested target (an active reseller other than the current contact) and the sentence saying what to do. */
export function suggestion(e: Evidence): { target?: SupportContact; fix: string } {
  const expected = expectedReseller(e);
  if (expected && expected.active && !sameId(expected.id, e.contact?.supportTenantId)) {
    return {
      target: { supportTenantId: expected.id, supportMpnId: expected.mpnId, name: expected.name },
      fix: l10n.t('Set the support contact to {0} (MPN ID {1}).', plainText(expected.name), expected.mpnId),
    };
  }
  if (expected && !expected.active) {
    return { fix: l10n.t('{0} is no longer an active reseller: choose the reseller that now serves this customer.', plainText(expected.name)) };
  }
  return { fix: l10n.t('Choose the reseller that serves this customer and set it as the support contact.') };
}

/** The finding for one legacy, active subscription whose contact was read, or undefined when none (or its rule is off). */
export function evaluate(customer: InventoryCustomer, sub: InventorySubscription, ctx: RuleContext, disabled: ReadonlySet<RuleId> = new Set()): Finding | undefined {
  if (sub.nce || sub.status !== 'active') return undefined;
  const e = evidenceFor(customer, sub, ctx);
  if (!e) return undefined;
  const rule = rules.find((r) => !disabled.has(r.id) && r.holds(e));
  if (!rule) return undefined;
  const { target, fix } = suggestion(e);
  return {
    rule: rule.id, customerId: customer.id, customerName: customer.name, subscriptionId: sub.id, subscriptionName: sub.name,
    sentence: rule.sentence(e), fix, ...(target ? { target } : {}), evidence: e, read: customer.read,
  };
}

export function ruleTitle(id: RuleId): string {
  return rules.find((r) => r.id === id)?.title() ?? id;
}
