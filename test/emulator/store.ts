// The emulator's mutable state: seeded data, support contacts, the request log, PUT memory.
import {
  Customer, Partner, Reseller, Subscription, seedCustomers, seedPartner, seedResellers, seedSubscriptions,
} from './seed';

export interface RequestLogEntry {
  seq: number; time: string; method: string; path: string; query?: string;
  requestId: string; correlationId: string; locale: string | null; status: number;
  applied?: boolean; note?: string;
}

/** The first answer to a PUT with a given MS-RequestId, replayed for repeats. */
export interface RememberedAnswer { status: number; body: unknown; headers: Record<string, string> }

const MAX_LOG = 100_000;

export class EmulatorStore {
  readonly partner: Partner;
  resellers: Reseller[] = [];
  customers: Customer[] = [];
  private customerByLowerId = new Map<string, Customer>();
  private subscriptions = new Map<number, Subscription[]>();
  requestLog: RequestLogEntry[] = [];
  private nextSeq = 1;
  readonly remembered = new Map<string, RememberedAnswer>();

  constructor(private readonly seed: number, private readonly customerCount: number) {
    this.partner = seedPartner(seed);
    this.reseed();
  }

  /** Re-seeds data and forgets the request log and PUT memory. */
  reseed(): void {
    this.resellers = seedResellers(this.seed);
    this.customers = seedCustomers(this.seed, this.customerCount, this.resellers.length);
    this.customerByLowerId = new Map(this.customers.map((c) => [c.id.toLowerCase(), c]));
    this.subscriptions.clear();
    this.requestLog = [];
    this.nextSeq = 1;
    this.remembered.clear();
  }

  findCustomer(id: string): Customer | undefined {
    return this.customerByLowerId.get(id.toLowerCase());
  }

  subscriptionsOf(customer: Customer): Subscription[] {
    let subs = this.subscriptions.get(customer.index);
    if (!subs) {
      subs = seedSubscriptions(this.seed, customer, this.resellers, this.partner);
      this.subscriptions.set(customer.index, subs);
    }
    return subs;
  }

  findSubscription(customer: Customer, id: string): Subscription | undefined {
    const lower = id.toLowerCase();
    return this.subscriptionsOf(customer).find((s) => s.id.toLowerCase() === lower);
  }

  resellerOf(customer: Customer): Reseller | null {
    return customer.resellerIndex === null ? null : this.resellers[customer.resellerIndex];
  }

  findResellerById(tenantId: string): Reseller | undefined {
    const lower = tenantId.toLowerCase();
    return this.resellers.find((r) => r.id.toLowerCase() === lower);
  }

  log(entry: Omit<RequestLogEntry, 'seq' | 'time'>): RequestLogEntry {
    const full: RequestLogEntry = { seq: this.nextSeq++, time: new Date().toISOString(), ...entry };
    this.requestLog.push(full);
    if (this.requestLog.length > MAX_LOG) this.requestLog.splice(0, this.requestLog.length - MAX_LOG);
    return full;
  }
}
