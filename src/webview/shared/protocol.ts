// The messages between the support-contact editor page and the extension host: one discriminated
// union per direction. Every page request carries an `id`; every host answer to it carries that id
// as `replyTo`. Shared by the host and the page: no `vscode`, DOM or Node imports here.

export const VIEW_TYPE = 'partnerCenter.supportContactEditor';

export interface EditorTarget { customerId: string; subscriptionId: string }

export interface ContactView {
  supportTenantId: string; supportMpnId: string; name: string;
  /** The signed-in indirect provider itself: the service's default while no reseller is designated. */
  indirectProvider?: true;
}

export interface ResellerView { id: string; name: string; mpnId: string; active: boolean }

export interface CustomerView { id: string; companyName: string; domain: string }

export interface SubscriptionView {
  id: string;
  name: string;
  offerName: string;
  offerId: string;
  status: string;
  nce: boolean;
  quantity?: number;
}

/** Everything the form shows, loaded by the host (never a token). */
export interface EditorData {
  customer: CustomerView;
  subscription: SubscriptionView;
  /** null = the subscription has no support contact (or it is NCE). */
  contact: ContactView | null;
  resellers: ResellerView[];
}

/** A failure as the page shows it: one plain sentence plus what "Copy details" copies. */
export interface ErrorView {
  kind: string;
  message: string;
  description?: string;
  status?: number;
  code?: string;
  requestId?: string;
  correlationId?: string;
  details: string;
  /** Partner Center accepted the change without saying what it stored, and the re-read failed: it may have been applied. */
  unconfirmed?: true;
}

// ---- page → host: requests -------------------------------------------------------------------

/** The page has loaded (also after hide/show and reload) and wants the state. */
export interface ReadyRequest { type: 'ready'; id: string }
/** Load everything again from Partner Center (Retry after a load error, Refresh, "Keep theirs"). */
export interface ReloadRequest { type: 'reload'; id: string }
/**
 * Save this contact. The host re-reads the current contact first and answers `conflict` if it
 * differs from the one the form was opened with (after a conflict, the baseline becomes theirs, so
 * confirming means sending `save` again).
 */
export interface SaveRequest { type: 'save'; id: string; contact: ContactView }
/** Close the editor. */
export interface CancelRequest { type: 'cancel'; id: string }
/** Copy the details of the last error to the clipboard. */
export interface CopyDetailsRequest { type: 'copyDetails'; id: string }

export type PageMessage = ReadyRequest | ReloadRequest | SaveRequest | CancelRequest | CopyDetailsRequest;
export type PageMessageType = PageMessage['type'];

// ---- host → page: replies ----------------------------------------------------------------------

/** The target of this panel; sent first so the page can persist it for a reload. */
export interface LoadingReply { type: 'loading'; replyTo: string; target: EditorTarget }
export interface StateReply { type: 'state'; replyTo: string; target: EditorTarget; data: EditorData }
export interface LoadErrorReply { type: 'loadError'; replyTo: string; target: EditorTarget; error: ErrorView }
/** Progress of a save or load, e.g. a throttling wait. */
export interface ProgressReply { type: 'progress'; replyTo: string; message: string; waitSeconds?: number }
export interface ConflictReply {
  type: 'conflict'; replyTo: string;
  /** What the form was opened with, what the user wants, what Partner Center has now. */
  original: ContactView | null; proposed: ContactView; theirs: ContactView | null;
}
/** `confirmed` false: the PUT's answer did not say what was stored; `contact` is what a re-read found. */
export interface SavedReply { type: 'saved'; replyTo: string; contact: ContactView; confirmed: boolean }
export interface SaveErrorReply { type: 'saveError'; replyTo: string; error: ErrorView }
export interface DoneReply { type: 'done'; replyTo: string }

export type HostMessage =
  | LoadingReply | StateReply | LoadErrorReply | ProgressReply | ConflictReply | SavedReply | SaveErrorReply | DoneReply;

/** What the page keeps with setState (and VS Code hands the serializer after a reload). */
export interface PersistedState {
  target: EditorTarget;
  data?: EditorData;
  form?: FormState;
}

export interface FormState {
  manual: boolean;
  query: string;
  selectedId: string;
  tenantId: string;
  mpnId: string;
  name: string;
}
