// The REST route table (/v1/...) and the simple read handlers.
import { listCustomers, parseFilter } from './customers';
import { RestRequest, RestResponse, fail, isGuid } from './http';
import type { Customer } from './seed';
import { collection, customerJson, customerRelationshipJson, organizationProfileJson, relationshipJson, subscriptionJson } from './shapes';
import type { EmulatorStore } from './store';
import { getSupportContact, putSupportContact } from './supportContact';

type Handler = (store: EmulatorStore, req: RestRequest, params: string[]) => RestResponse;

interface Route {
  pattern: RegExp;
  methods: Partial<Record<string, Handler>>;
  /** App-only tokens get 403 (empty body) here. */
  userOnly: (req: Pick<RestRequest, 'method' | 'query'>) => boolean;
}

const SEG = '([^/]+)';
const always = () => true;
const never = () => false;

function withCustomer(store: EmulatorStore, id: string): Customer | RestResponse {
  if (!isGuid(id)) return fail('invalidInput', `The customer id '${id}' is not a valid GUID.`);
  return store.findCustomer(id) ?? fail('noCommerceRelationship', `The partner id ${store.partner.mpnId} has no commerce relationship with the customer id ${id}.`);
}

const isResponse = (value: Customer | RestResponse): value is RestResponse => 'status' in value;

const getCustomer: Handler = (store, _req, [c]) => {
  const customer = withCustomer(store, c);
  return isResponse(customer) ? customer : { status: 200, body: customerJson(customer, store.resellerOf(customer)) };
};

const getSubscriptions: Handler = (store, _req, [c]) => {
  const customer = withCustomer(store, c);
  if (isResponse(customer)) return customer;
  const items = store.subscriptionsOf(customer).map((s) => subscriptionJson(customer, s));
  return { status: 200, body: collection(items) };
};

const getSubscription: Handler = (store, _req, [c, s]) => {
  if (!isGuid(c)) return fail('invalidInput', `The customer id '${c}' is not a valid GUID.`);
  if (!isGuid(s)) return fail('invalidInput', `The subscription id '${s}' is not a valid GUID.`);
  const customer = withCustomer(store, c);
  if (isResponse(customer)) return customer;
  const subscription = store.findSubscription(customer, s);
  if (!subscription) return fail('subscriptionNotFound', `Subscription with id ${s} not found.`);
  return { status: 200, body: subscriptionJson(customer, subscription) };
};

const getCustomerRelationships: Handler = (store, _req, [c]) => {
  const customer = withCustomer(store, c);
  if (isResponse(customer)) return customer;
  const reseller = store.resellerOf(customer);
  const items = reseller ? [customerRelationshipJson(reseller)] : [];
  return { status: 200, body: collection(items) };
};

const getPartnerRelationships: Handler = (store, req) => {
  const type = req.query.get('relationship_type');
  if (type === null || type.toLowerCase() !== 'isindirectcloudsolutionproviderof') {
    return fail('invalidInput', `The relationship_type '${type ?? ''}' is not supported. Use IsIndirectCloudSolutionProviderOf.`);
  }
  const items = store.resellers.map((r) => relationshipJson(r));
  return { status: 200, body: collection(items) };
};

const getProfile: Handler = (store) => ({ status: 200, body: organizationProfileJson(store.partner) });

const ROUTES: Route[] = [
  {
    pattern: /^\/v1\/customers$/i, methods: { GET: listCustomers },
    // "Get customers of an indirect reseller" is App+User only.
    userOnly: (req) => {
      const raw = req.query.get('filter');
      const filter = raw === null ? null : parseFilter(raw);
      return filter !== null && typeof filter !== 'string' && filter.field === 'IndirectReseller';
    },
  },
  { pattern: new RegExp(`^/v1/customers/${SEG}$`, 'i'), methods: { GET: getCustomer }, userOnly: never },
  { pattern: new RegExp(`^/v1/customers/${SEG}/subscriptions$`, 'i'), methods: { GET: getSubscriptions }, userOnly: never },
  { pattern: new RegExp(`^/v1/customers/${SEG}/subscriptions/${SEG}$`, 'i'), methods: { GET: getSubscription }, userOnly: never },
  {
    pattern: new RegExp(`^/v1/customers/${SEG}/subscriptions/${SEG}/supportcontact$`, 'i'),
    methods: { GET: getSupportContact, PUT: putSupportContact }, userOnly: always,
  },
  { pattern: new RegExp(`^/v1/customers/${SEG}/relationships$`, 'i'), methods: { GET: getCustomerRelationships }, userOnly: never },
  { pattern: /^\/v1\/relationships$/i, methods: { GET: getPartnerRelationships }, userOnly: always },
  { pattern: /^\/v1\/profiles\/organization$/i, methods: { GET: getProfile }, userOnly: never },
];

export interface RouteMatch { handler: Handler | null; params: string[]; userOnly: boolean; known: boolean }

export function matchRoute(method: string, path: string, query: URLSearchParams): RouteMatch {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  for (const route of ROUTES) {
    const m = route.pattern.exec(trimmed);
    if (!m) continue;
    const params = m.slice(1).map((p) => safeDecode(p));
    return { handler: route.methods[method] ?? null, params, userOnly: route.userOnly({ method, query }), known: true };
  }
  return { handler: null, params: [], userOnly: false, known: false };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function noRoute(match: RouteMatch, method: string, path: string): RestResponse {
  return match.known
    ? fail('methodNotAllowed', `The method ${method} is not supported for ${path}.`, { Allow: 'GET, PUT' })
    : fail('routeNotFound', `No resource at ${path}.`);
}
