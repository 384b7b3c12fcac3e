// The messages between the Health Check Report's page and the extension host. The host owns the
// stored inventory (and a scan that fills it); the page draws the totals, the charts and the findings
// table from the data it is sent and asks the host to fix, export or scan. Shared by the host and the
// page: no `vscode`, DOM or Node imports.

export const HEALTH_REPORT_VIEW_TYPE = 'partnerCenter.healthReport';

/** One finding as text (service data is shown with textContent only). */
export interface FindingRow {
  /** Index in this snapshot's rows. */
  i: number;
  /** `customerId/subscriptionId`, lower-cased: the selection survives a refresh by this key. */
  key: string;
  rule: string;
  ruleTitle: string;
  customerId: string;
  customer: string;
  subscriptionId: string;
  subscription: string;
  /** The current contact ("Wingtip Toys (MPN ID 1234567)" / "no support contact"). */
  current: string;
  /** The current contact's reseller as a group label (its name, the provider, or "none"). */
  reseller: string;
  /** The finding's sentence (the evidence). */
  sentence: string;
  /** The suggested contact, or the suggested fix when the partner has to choose. */
  suggestion: string;
  /** The row has a suggested contact, so "Fix selected…" can reassign it. */
  fixable: boolean;
  /** When the contact was read (ISO 8601). */
  read: string;
}

/** A chart bar; `id` is the rule id for the bars of "findings per rule". */
export interface ChartBar { label: string; count: number; id?: string }

export interface ReportTotals {
  customers: number;
  subscriptions: number;
  checked: number;
  healthy: number;
  findings: number;
  nce: number;
  notActive: number;
  unreadable: number;
  customersUnreadable: number;
}

export interface ReportHeader {
  account: string;
  /** When the newest complete scan of everything ended (ISO 8601), or empty. */
  lastScan: string;
  /** A scan is running: the report fills in as it goes. */
  scanning: boolean;
  /** "1,234 of 10,000 customers …" while scanning, else empty. */
  progress: string;
  /** "Fix selected…" is offered (the Reassignment panel is there to take the findings). */
  canFix: boolean;
}

// ---- host → page ------------------------------------------------------------------------------

export interface ReportInitMessage {
  type: 'init';
  header: ReportHeader;
  totals: ReportTotals;
  byContact: ChartBar[];
  byRule: ChartBar[];
  rows: FindingRow[];
}
export interface ReportNoticeMessage { type: 'notice'; text: string }
export type ReportHostMessage = ReportInitMessage | ReportNoticeMessage;

// ---- page → host ------------------------------------------------------------------------------

export type ExportWhat = 'findings' | 'inventory';
export type ExportFormat = 'csv' | 'json';

export type ReportPageMessage =
  | { type: 'ready' }
  /** Open the Reassignment panel for these findings (row keys), each with its own suggested contact. */
  | { type: 'fix'; keys: string[] }
  | { type: 'export'; what: ExportWhat; format: ExportFormat }
  | { type: 'runScan' }
  | { type: 'showInTree'; key: string }
  /** The page's own timing of its first render of a snapshot. */
  | { type: 'metrics'; firstRenderMs: number; rows: number };

export type ReportPageMessageType = ReportPageMessage['type'];
