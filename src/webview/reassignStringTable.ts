// The Reassignment panel's strings in VS Code's display language. One literal l10n.t call per string
// so `npm run l10n` exports each of them. Plain Node (@vscode/l10n): unit tests build it too.
import * as l10n from '@vscode/l10n';
import type { ReassignStrings } from './shared/reassignStrings';

/** The header, the totals line, the toolbar and the column headers. */
function headerStrings() {
  return {
    loading: l10n.t('Loading the reassignment…'),
    title: l10n.t('Reassign support contact → {0}'),
    titlePerRow: l10n.t('Reassign support contacts → each row\'s own new contact'),
    metaAccount: l10n.t('Account: {0}'),
    metaTarget: l10n.t('New support contact: {0} (MPN ID {1}, tenant {2})'),
    metaTargetPerRow: l10n.t('New support contacts: each row\'s own, in the New contact column ({0} resellers)'),
    metaSource: l10n.t('Source: {0}'),
    metaEstimate: l10n.t('Estimated duration: {0} (each change is a re-read and a PUT, paced under Partner Center\'s throttle)'),
    resumedNote: l10n.t('Resumed from its journal: rows already done keep their outcome; nothing is applied twice.'),
    totals: l10n.t('{0} to change · {1} skipped · {2} left out'),
    filterLabel: l10n.t('Filter'),
    filterPlaceholder: l10n.t('Customer, subscription or contact'),
    showLabel: l10n.t('Show'),
    showAll: l10n.t('All rows'),
    showChange: l10n.t('To change'),
    showSkip: l10n.t('Skipped in the preview'),
    showExcluded: l10n.t('Left out'),
    showChanged: l10n.t('Changed'),
    showFailed: l10n.t('Failed'),
    showSkipped: l10n.t('Skipped by the run'),
    colCustomer: l10n.t('Customer'),
    colSubscription: l10n.t('Subscription'),
    colCurrent: l10n.t('Current contact'),
    colNext: l10n.t('New contact'),
    colAction: l10n.t('Action'),
    gridLabel: l10n.t('Subscriptions in this reassignment'),
    noRows: l10n.t('No rows match the filter.'),
  } satisfies Partial<ReassignStrings>;
}

/** The actions: Apply and its confirmation, the run's controls and progress, the exports. */
function runStrings() {
  return {
    applyOne: l10n.t('Apply {0} change'),
    applyOther: l10n.t('Apply {0} changes'),
    confirmQuestion: l10n.t('Change the support contact of {0} subscription(s) to {1}?'),
    confirmQuestionPerRow: l10n.t('Change the support contact of {0} subscription(s), each to the new contact in its row?'),
    confirmDetail: l10n.t('Each contact is read again just before its change: one that changed since this preview is left as it is and reported. A journal is kept, so an interrupted run can be resumed without applying anything twice.'),
    confirm: l10n.t('Apply now'),
    back: l10n.t('Back'),
    pause: l10n.t('Pause'),
    resume: l10n.t('Resume'),
    cancel: l10n.t('Cancel'),
    paused: l10n.t('Paused: changes in flight finish, no new one starts.'),
    progress: l10n.t('{0} of {1} · {2} changed · {3} skipped · {4} failed'),
    eta: l10n.t('about {0} left'),
    retryFailed: l10n.t('Retry {0} failed'),
    exportCsv: l10n.t('Export CSV'),
    exportReport: l10n.t('Export report…'),
    showInTree: l10n.t('Show in tree'),
  } satisfies Partial<ReassignStrings>;
}

/** The grid's groups and rows (each row's state), and durations. */
function rowStrings() {
  return {
    group: l10n.t('{0} — {1} subscription(s) · {2} to change · {3} left out'),
    stateChange: l10n.t('change'),
    stateSkip: l10n.t('skip: {0}'),
    stateQueued: l10n.t('queued'),
    stateReading: l10n.t('re-reading…'),
    stateChanged: l10n.t('changed'),
    stateSkipped: l10n.t('skipped: {0}'),
    stateFailed: l10n.t('failed: {0}'),
    stateFailedId: l10n.t('failed: {0} (MS-RequestId {1})'),
    stateNotRun: l10n.t('not run'),
    stateLeftOut: l10n.t('left out'),
    rowName: l10n.t('{0} — {1}: {2} → {3}, {4}'),
    includeRow: l10n.t('Include {0}'),
    includeGroup: l10n.t('Include every subscription of {0}'),
    durationSeconds: l10n.t('{0} s'),
    durationMinutes: l10n.t('{0} min {1} s'),
    durationUnderOne: l10n.t('under 1 s'),
  } satisfies Partial<ReassignStrings>;
}

// A function, not a constant: the strings are looked up after activation has loaded the bundle.
// The table is put together from the parts of the screen (the sections above).
export function reassignStringTable(): ReassignStrings {
  return { ...headerStrings(), ...runStrings(), ...rowStrings() };
}
