// The Reassignment panel's string table: which strings its page shows. The host fills it in VS Code's
// display language (reassignStringTable.ts) and embeds it in the HTML; the page reads it before its
// first paint. Shared by the host and the page: no `vscode`, DOM or Node imports here.

export const REASSIGN_STRING_KEYS = [
  'loading', 'title', 'titlePerRow', 'metaAccount', 'metaTarget', 'metaTargetPerRow', 'metaSource', 'metaEstimate', 'resumedNote',
  'totals', 'filterLabel', 'filterPlaceholder', 'showLabel', 'showAll', 'showChange', 'showSkip', 'showExcluded', 'showChanged', 'showFailed', 'showSkipped',
  'colCustomer', 'colSubscription', 'colCurrent', 'colNext', 'colAction', 'gridLabel', 'noRows',
  'applyOne', 'applyOther', 'confirmQuestion', 'confirmQuestionPerRow', 'confirmDetail', 'confirm', 'back',
  'pause', 'resume', 'cancel', 'paused', 'progress', 'eta', 'retryFailed', 'exportCsv', 'exportReport', 'showInTree',
  'group', 'stateChange', 'stateSkip', 'stateQueued', 'stateReading', 'stateChanged', 'stateSkipped', 'stateFailed', 'stateFailedId', 'stateNotRun', 'stateLeftOut',
  'rowName', 'includeRow', 'includeGroup', 'durationSeconds', 'durationMinutes', 'durationUnderOne',
] as const;

export type ReassignStringKey = (typeof REASSIGN_STRING_KEYS)[number];
export type ReassignStrings = Record<ReassignStringKey, string>;
