// The Partner Center operations this product uses. Plain Node: no vscode import.

import type { Dispatcher } from 'undici';
import { Caller, type OperationContext, type RequestLogEntry, type TokenProvider } from './caller';
import { PartnerCenterError, isPartnerCenterError } from './errors';
import { isGuid, isMpnId, paths, validateSupportContact, sameId, type SupportContactInput } from './ids';
import {
  camelizeKeys, normalizeCollection, normalizeCustomer, normalizeRelationship, normalizeSubscription, normalizeSupportContact,
  type Customer, type ResellerRelationship, type ResourceCollection, type Subscription, type SupportContact,
} from './models';
import { changeBlocker, isCompleteContact, subscriptionName } from './rules';
import { PageChain, pageRef, type PageRef } from './paging';
import { plainText } from './safeText';
import { resolveRetryOptions, type RetryOptions } from './retry';
import { TenantLimiter, limiterForTenant, type LimiterOptions } from './throttle';

export interface PartnerCenterClientOptions {
  baseUrl: string;
  getToken: TokenProvider;
  /** X-Locale, e.g. en-US. */
  locale?: string;
  /** MS-PartnerCenter-Application: "name/version". */
  application: string;
  dispatcher?: Dispatcher;
  /** A limiter instance, or options for the tenant's shared one (used only when it is first created). */
  limiter?: TenantLimiter | LimiterOptions;
  /** Key of the shared limiter (the partner tenant id); defaults to the base URL. */
  tenantId?: string;
  retry?: RetryOptions;
  /** How long one wait for a token may take (default TOKEN_DEADLINE_MS, 30 s). */
  tokenDeadlineMs?: number;
  /** The largest response body read (default DEFAULT_MAX_BODY_BYTES, 8 MiB). */
  maxBodyBytes?: number;
  logger?: (entry: RequestLogEntry) => void;
}

export type CustomerSearchField = 'CompanyName' | 'Domain' | 'IndirectReseller' | 'IndirectCloudSolutionProvider';
export interface CustomerFilter { field: CustomerSearchField; value: string }
export interface ListCustomersOptions {
  pageSize?: number;
  filter?: CustomerFilter;
  /** Continue a listing from a page's `links.next` (as stored by a resumable scan) instead of its first page. */
  startAt?: { uri: string; headers: Record<string, string> };
}

/** The partner's own organization (the indirect provider). */
export interface OrganizationProfile { tenantId: string; companyName: string }

const searchFields: readonly CustomerSearchField[] = ['CompanyName', 'Domain', 'IndirectReseller', 'IndirectCloudSolutionProvider'];

export class PartnerCenterClient {
  private readonly caller: Caller;
  private resellers?: Promise<ResellerRelationship[]>;
  private readonly tenantId?: string;
  readonly limiter: TenantLimiter;

  constructor(options: PartnerCenterClientOptions) {
    this.limiter = options.limiter instanceof TenantLimiter
      ? options.limiter
      : limiterForTenant(options.tenantId ?? options.baseUrl, options.limiter);
    this.tenantId = options.tenantId;
    this.caller = new Caller({
      baseUrl: options.baseUrl, getToken: options.getToken, locale: options.locale, application: options.application,
      dispatcher: options.dispatcher, limiter: this.limiter, retry: resolveRetryOptions(options.retry), logger: options.logger,
      tokenDeadlineMs: options.tokenDeadlineMs, maxBodyBytes: options.maxBodyBytes,
    });
  }

  /** Pages of customers, following links.next (and its continuation token) until the last page. */
  async *listCustomers(options: ListCustomersOptions = {}, ctx: OperationContext = {}): AsyncGenerator<ResourceCollection<Customer>, void, undefined> {
    const size = Math.min(1000, Math.max(1, Math.floor(options.pageSize ?? 50)));
    let uri = `/v1/customers?size=${size}`;
    if (options.filter) {
      // A filtered search is sent as the SDK and the documented examples send it: size=0 (the
      // service's own page size) and the URL-encoded filter JSON.
      const f = options.filter;
      uri = `/v1/customers?size=0&filter=${encodeURIComponent(JSON.stringify({ Field: f.field, Value: f.value, Operator: 'starts_with' }))}`;
    }
    const chain = new PageChain();
    let next: PageRef | undefined = options.startAt ? { ...options.startAt } : { uri, headers: {} };
    while (next) {
      chain.visit(next);
      const result = await this.caller.call('GET', next.uri, ctx, { linkHeaders: next.headers });
      const page = normalizeCollection(result.body, normalizeCustomer);
      next = pageRef(page.links.next);
      yield page;
    }
  }

  /** Server-side search: `starts_with` on the field (case ignored by the service). */
  searchCustomers(text: string, field: CustomerSearchField, options: { pageSize?: number } = {}, ctx: OperationContext = {}): AsyncGenerator<ResourceCollection<Customer>, void, undefined> {
    if (!searchFields.includes(field)) throw new PartnerCenterError('validation', `Cannot search customers by "${plainText(String(field))}".`);
    const value = text.trim();
    if (value === '' || value.length > 256) throw new PartnerCenterError('validation', 'Enter between 1 and 256 characters to search for.');
    if ((field === 'IndirectReseller' || field === 'IndirectCloudSolutionProvider') && !isGuid(value)) {
      throw new PartnerCenterError('validation', 'Searching by reseller needs the reseller tenant id (a GUID).');
    }
    return this.listCustomers({ pageSize: options.pageSize, filter: { field, value } }, ctx);
  }

  async getCustomer(customerId: string, ctx: OperationContext = {}): Promise<Customer> {
    return normalizeCustomer((await this.caller.call('GET', paths.customer(customerId), ctx)).body);
  }

  async listSubscriptions(customerId: string, ctx: OperationContext = {}): Promise<Subscription[]> {
    return this.collectAll(paths.subscriptions(customerId), ctx, normalizeSubscription);
  }

  async getSubscription(customerId: string, subscriptionId: string, ctx: OperationContext = {}): Promise<Subscription> {
    return normalizeSubscription((await this.caller.call('GET', paths.subscription(customerId, subscriptionId), ctx)).body);
  }

  /**
   * The subscription's support contact. The service answers with the indirect provider itself while
   * no reseller is designated (the dashboard docs: the contact "defaults to the indirect provider"):
   * such a contact is marked `indirectProvider`. A 404 with code 20003 means the subscription is gone
   * and is thrown; any other 404 is read as "no support contact" (null).
   */
  async getSupportContact(customerId: string, subscriptionId: string, ctx: OperationContext = {}): Promise<SupportContact | null> {
    let contact: SupportContact;
    try {
      contact = normalizeSupportContact((await this.caller.call('GET', paths.supportContact(customerId, subscriptionId), ctx)).body);
    } catch (err) {
      if (isPartnerCenterError(err) && err.kind === 'notFound' && String(err.code) !== '20003') return null;
      throw err;
    }
    return sameId(contact.supportTenantId, this.partnerTenantId()) ? { ...contact, indirectProvider: true } : contact;
  }

  /** The signed-in partner's tenant: the one the client was made for, else the token's. */
  private partnerTenantId(): string | undefined {
    return isGuid(this.tenantId) ? this.tenantId : this.caller.tokenTenantId;
  }

  /**
   * Points the subscription's support contact at one of the partner's active indirect resellers.
   * Everything is checked before the wire; the body is the documented `{SupportTenantId, SupportMpnId, Name}`
   * with the name from the relationship list. `requestId` (a GUID) is sent as the MS-RequestId of every
   * attempt, so a caller resuming after a crash can repeat the same logical call (the service applies it once).
   * Resolves to the contact the answer says is stored, or `undefined` when a 2xx answer carries no
   * contact (empty body, `{}`, another shape): accepted, but what was stored is unknown — re-read it.
   */
  async updateSupportContact(
    customerId: string, subscriptionId: string, target: SupportContactInput, ctx: OperationContext = {},
    options: { knownSubscription?: Subscription; requestId?: string } = {},
  ): Promise<SupportContact | undefined> {
    const path = paths.supportContact(customerId, subscriptionId);
    if (options.requestId !== undefined && !isGuid(options.requestId)) throw new PartnerCenterError('validation', 'The request id is not a GUID.');
    if (!isGuid(target.supportTenantId)) throw new PartnerCenterError('validation', 'The reseller tenant id is not a GUID.');
    if (target.supportMpnId !== undefined && !isMpnId(target.supportMpnId)) {
      throw new PartnerCenterError('validation', 'The reseller MPN id (PartnerID) must be a number.');
    }
    const checked = validateSupportContact(target, await this.listIndirectResellers(ctx));
    if (!checked.ok) throw new PartnerCenterError('validation', checked.issues.map((i) => i.message).join(' '));
    const sub = options.knownSubscription ?? await this.getSubscription(customerId, subscriptionId, ctx);
    if (!sameId(sub.id, subscriptionId)) throw new PartnerCenterError('validation', 'The subscription details do not match the subscription id.');
    const blocker = changeBlocker(sub);
    if (blocker === 'nce') {
      throw new PartnerCenterError('nce', `"${plainText(subscriptionName(sub))}" is a New Commerce (NCE) subscription; Partner Center does not support a support contact on it.`);
    }
    if (blocker === 'notActive') {
      throw new PartnerCenterError('validation', `The subscription is ${plainText(sub.rawStatus ?? sub.status)}; only active subscriptions can change their support contact.`);
    }
    const { contact } = checked;
    const body = { SupportTenantId: contact.supportTenantId, SupportMpnId: contact.supportMpnId, Name: contact.name };
    const result = await this.caller.call('PUT', path, ctx, { body, idempotent: true, requestId: options.requestId });
    // A 2xx without a contact (no body, `{}`, another shape): accepted, but what was stored is not
    // known. Never an empty contact that would read as "saved with no tenant, MPN ID or name".
    const stored = normalizeSupportContact(result.body);
    return isCompleteContact(stored) ? stored : undefined;
  }

  /** The partner's indirect resellers (all states; check `active`), cached for this client. */
  listIndirectResellers(ctx: OperationContext = {}, options: { refresh?: boolean } = {}): Promise<ResellerRelationship[]> {
    if (options.refresh || !this.resellers) {
      const loading = this.collectAll(paths.indirectResellers(), ctx, normalizeRelationship);
      this.resellers = loading;
      loading.catch(() => { if (this.resellers === loading) this.resellers = undefined; });
    }
    return this.resellers;
  }

  /** GET /v1/profiles/organization: who the indirect provider itself is. */
  async getOrganizationProfile(ctx: OperationContext = {}): Promise<OrganizationProfile> {
    const o = camelizeKeys((await this.caller.call('GET', paths.organizationProfile(), ctx)).body) as Record<string, unknown>;
    const text = (v: unknown): string => (typeof v === 'string' ? v : '');
    return { tenantId: text(o.tenantId) || text(o.id), companyName: text(o.companyName) };
  }

  async listCustomerResellers(customerId: string, ctx: OperationContext = {}): Promise<ResellerRelationship[]> {
    return this.collectAll(paths.customerRelationships(customerId), ctx, normalizeRelationship);
  }

  /** Every item of a paged list; a list of more than 1,000 pages or one that loops is an error, never a short list. */
  private async collectAll<T>(uri: string, ctx: OperationContext, item: (raw: unknown) => T): Promise<T[]> {
    const items: T[] = [];
    const chain = new PageChain(1000);
    for (let next: PageRef | undefined = { uri, headers: {} }; next;) {
      chain.visit(next);
      const page: ResourceCollection<T> = normalizeCollection((await this.caller.call('GET', next.uri, ctx, { linkHeaders: next.headers })).body, item);
      items.push(...page.items);
      next = pageRef(page.links.next);
    }
    return items;
  }
}
