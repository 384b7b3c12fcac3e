// The messages between the Reassignment panel's page and the extension host. The host owns the run
// (it goes on when the panel is closed); the page shows the plan, sends the user's choices and
// renders what the host reports. Shared by the host and the page: no `vscode`, DOM or Node imports.

export const REASSIGN_VIEW_TYPE = 'partnerCenter.reassignment';

/**
 * A row's state. Before the run: `change` or `skip` (the plan's decision). While it runs: `queued`,
 * `reading` (its contact is read again just before the change), then `changed`, `skipped` (decided
 * by that re-read, e.g. changed since the preview), `failed` or `notRun` (cancelled before it).
 */
export type RowState = 'change' | 'skip' | 'queued' | 'reading' | 'changed' | 'skipped' | 'failed' | 'notRun';

/** One subscription of the plan, as text: service data is shown with textContent only. */
export interface PlanRow {
  /** The row's index in the plan (stable for the panel's lifetime). */
  i: number;
  customerId: string;
  customer: string;
  subscriptionId: string;
  subscription: string;
  current: string;
  next: string;
  state: RowState;
  /** Why the row is skipped, or how it failed; empty otherwise. */
  detail: string;
  /** For a failure: the MS-RequestId to quote. */
  requestId?: string;
}

export interface RowUpdate { i: number; state: RowState; detail: string; requestId?: string }

export type Phase = 'plan' | 'running' | 'paused' | 'done';

export interface PanelHeader {
  account: string;
  /** The new contact's name (the first row's when `targets` > 1). */
  target: string;
  targetMpnId: string;
  targetTenantId: string;
  source: string;
  /** Distinct new contacts among the rows: more than 1 (health-check fixes), the panel says "each row's own". */
  targets: number;
  /** The throttle's estimate for the rows to change: requests × pace, in seconds. */
  secondsPerChange: number;
  /** Changes the throttle's burst lets through at once (not paced). */
  burstChanges: number;
}

export interface ProgressView { handled: number; total: number; changed: number; skipped: number; failed: number; elapsedMs: number }

export interface SummaryView { text: string; complete: boolean; failed: number; warning: boolean }

// ---- host → page ------------------------------------------------------------------------------

/** Everything: sent on `ready` (first open, reopen, reload). */
export interface InitMessage { type: 'init'; header: PanelHeader; rows: PlanRow[]; excluded: number[]; phase: Phase; progress?: ProgressView; summary?: SummaryView; resumed: boolean }
export interface UpdatesMessage { type: 'updates'; updates: RowUpdate[]; progress: ProgressView }
export interface PhaseMessage { type: 'phase'; phase: Phase; summary?: SummaryView }
/** A message for the user in the panel (e.g. why Apply did not start). */
export interface NoticeMessage { type: 'notice'; text: string }
export type ReassignHostMessage = InitMessage | UpdatesMessage | PhaseMessage | NoticeMessage;

// ---- page → host ------------------------------------------------------------------------------

export type ReassignPageMessage =
  | { type: 'ready' }
  /** Leave rows out of the run (excluded: true) or take them back in. Only before the run. */
  | { type: 'exclude'; indices: number[]; excluded: boolean }
  /** The user confirmed "Apply N changes" in the page; `count` is what the page showed. */
  | { type: 'apply'; count: number }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'cancel' }
  | { type: 'retryFailed' }
  | { type: 'exportCsv' }
  | { type: 'exportReport' }
  | { type: 'showInTree'; i: number }
  /** The page's own timings (first render of the plan; the latest batch of row updates). */
  | { type: 'metrics'; firstRenderMs: number; updateMs: number; rows: number; updates: number };

export type ReassignPageMessageType = ReassignPageMessage['type'];
