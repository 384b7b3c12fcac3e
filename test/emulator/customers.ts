// GET /v1/customers: paging (size + MS-ContinuationToken) and the starts_with filter search.
import { RestRequest, RestResponse, fail, header, parseJson, prop } from './http';
import type { Customer } from './seed';
import { collection, customerJson, link } from './shapes';
import type { EmulatorStore } from './store';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;
const FIELDS = ['CompanyName', 'Domain', 'IndirectReseller', 'IndirectCloudSolutionProvider'] as const;
type FilterField = (typeof FIELDS)[number];
interface CustomerFilter { field: FilterField; value: string }

interface ContinuationState { o: number; f: string | null }

const encodeToken = (state: ContinuationState) => Buffer.from(JSON.stringify(state)).toString('base64url');

function decodeToken(token: string): ContinuationState | null {
  const parsed = parseJson(Buffer.from(token, 'base64url').toString('utf8'));
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return null;
  const state = parsed.value as Partial<ContinuationState>;
  if (typeof state.o !== 'number' || !Number.isInteger(state.o) || state.o < 0) return null;
  return { o: state.o, f: typeof state.f === 'string' ? state.f : null };
}

export function parseFilter(raw: string): CustomerFilter | string {
  const parsed = parseJson(raw);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return 'The filter is not a valid JSON object.';
  }
  const obj = parsed.value as Record<string, unknown>;
  const field = prop(obj, 'Field');
  const value = prop(obj, 'Value');
  const operator = prop(obj, 'Operator');
  const known = FIELDS.find((f) => typeof field === 'string' && f.toLowerCase() === field.toLowerCase());
  if (!known) return `The filter field '${String(field)}' is not supported. Use one of ${FIELDS.join(', ')}.`;
  if (typeof value !== 'string') return 'The filter value must be a string.';
  if (typeof operator !== 'string' || operator.toLowerCase() !== 'starts_with') {
    return `The filter operator '${String(operator)}' is not supported. Use starts_with.`;
  }
  return { field: known, value };
}

function matcher(store: EmulatorStore, filter: CustomerFilter): (c: Customer) => boolean {
  const value = filter.value.toLowerCase();
  switch (filter.field) {
    case 'CompanyName': return (c) => c.nameKey.startsWith(value);
    case 'Domain': return (c) => c.domainKey.startsWith(value);
    case 'IndirectReseller': {
      // "Customers of an indirect reseller": the customers that reseller serves (tenant id given).
      const served = new Set(store.resellers.map((r, i) => (value !== '' && r.id.toLowerCase().startsWith(value) ? i : -1)).filter((i) => i >= 0));
      return (c) => c.resellerIndex !== null && served.has(c.resellerIndex);
    }
    case 'IndirectCloudSolutionProvider': {
      const all = value !== '' && store.partner.tenantId.toLowerCase().startsWith(value);
      return () => all;
    }
  }
}

export function listCustomers(store: EmulatorStore, req: RestRequest): RestResponse {
  const sizeText = req.query.get('size');
  const requested = sizeText === null ? DEFAULT_PAGE_SIZE : Number(sizeText);
  if (!/^\d+$/.test(sizeText ?? '100') || requested > MAX_PAGE_SIZE) {
    return fail('invalidInput', `The size '${sizeText}' is not valid: use a whole number from 0 to ${MAX_PAGE_SIZE}.`);
  }
  // size=0 is what the SDK and the documented searches send: the service's default page size.
  const size = requested === 0 ? DEFAULT_PAGE_SIZE : requested;
  let offset = 0;
  let filterRaw = req.query.get('filter');
  const seek = req.query.get('seekOperation');
  if (seek !== null) {
    if (seek.toLowerCase() !== 'next') return fail('invalidInput', `The seekOperation '${seek}' is not supported.`);
    const token = header(req.headers, 'MS-ContinuationToken');
    const state = token ? decodeToken(token) : null;
    if (!state) return fail('invalidInput', 'The MS-ContinuationToken header is missing or not valid.');
    offset = state.o;
    filterRaw = filterRaw ?? state.f;
  }
  let matches: (c: Customer) => boolean = () => true;
  if (filterRaw !== null) {
    const filter = parseFilter(filterRaw);
    if (typeof filter === 'string') return fail('invalidInput', filter);
    matches = matcher(store, filter);
  }
  const page: Customer[] = [];
  let index = offset;
  for (; index < store.customers.length && page.length < size; index++) {
    if (matches(store.customers[index])) page.push(store.customers[index]);
  }
  while (index < store.customers.length && !matches(store.customers[index])) index++;
  const hasMore = index < store.customers.length;
  const filterQuery = filterRaw !== null ? `&filter=${encodeURIComponent(filterRaw)}` : '';
  // The docs show next links both with and without /v1: unfiltered lists use /v1, filtered ones do not.
  const next = hasMore
    ? link(`${filterRaw !== null ? '' : '/v1'}/customers?size=${size}${filterQuery}&seekOperation=Next`, 'GET',
      [{ key: 'MS-ContinuationToken', value: encodeToken({ o: index, f: filterRaw }) }])
    : undefined;
  const items = page.map((c) => customerJson(c, store.resellerOf(c)));
  return { status: 200, body: collection(items, link(`/customers?size=${size}${filterQuery}`), next) };
}
