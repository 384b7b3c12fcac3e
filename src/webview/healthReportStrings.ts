// The Health Check Report's strings in VS Code's display language. One literal l10n.t call per string
// so `npm run l10n` exports each of them. Plain Node (@vscode/l10n): unit tests build it too.
import * as l10n from '@vscode/l10n';
import type { HealthStrings } from './shared/healthStrings';

/** The header, the totals and the charts. */
function summaryStrings() {
  return {
    loading: l10n.t('Loading the health check report…'),
    title: l10n.t('Support-contact health check'),
    metaAccount: l10n.t('Account: {0}'),
    metaLastScan: l10n.t('Last complete scan: {0}'),
    metaNoScan: l10n.t('No complete scan yet'),
    scanning: l10n.t('Scanning: {0}. The report fills in as customers are read.'),
    runScan: l10n.t('Run Health Check…'),
    totCustomers: l10n.t('Customers'),
    totSubscriptions: l10n.t('Subscriptions'),
    totChecked: l10n.t('Checked (legacy, active)'),
    totHealthy: l10n.t('Right contact'),
    totFindings: l10n.t('Findings'),
    totNce: l10n.t('NCE: cannot be set through the API'),
    totNotActive: l10n.t('Not active: not checked'),
    totUnreadable: l10n.t('Could not be read'),
    chartByContact: l10n.t('Checked subscriptions per support contact'),
    chartByRule: l10n.t('Findings per rule'),
    chartOther: l10n.t('All others'),
    chartBar: l10n.t('{0}: {1}'),
    chartEmpty: l10n.t('Nothing to chart yet.'),
  } satisfies Partial<HealthStrings>;
}

/** The toolbar and the findings table. */
function tableStrings() {
  return {
    filterLabel: l10n.t('Filter'),
    filterPlaceholder: l10n.t('Customer, subscription, contact or finding'),
    ruleLabel: l10n.t('Finding'),
    ruleAll: l10n.t('All findings'),
    groupLabel: l10n.t('Group by'),
    groupCustomer: l10n.t('Customer'),
    groupReseller: l10n.t('Current contact'),
    colCustomer: l10n.t('Customer'),
    colSubscription: l10n.t('Subscription'),
    colCurrent: l10n.t('Current contact'),
    colFinding: l10n.t('Finding'),
    colSuggestion: l10n.t('Suggested contact'),
    colRead: l10n.t('Read'),
    gridLabel: l10n.t('Findings'),
    noRows: l10n.t('No findings match the filter.'),
    noFindings: l10n.t('No findings: every checked subscription has the right support contact.'),
    group: l10n.t('{0} · {1} findings · {2} selected'),
    groupOne: l10n.t('{0} · 1 finding · {1} selected'),
    rowName: l10n.t('{0} of {1}: {2} Suggested: {3}. Read {4}.'),
    includeRow: l10n.t('Select {0}'),
    includeGroup: l10n.t('Select every finding of {0}'),
    showInTree: l10n.t('Show in the Customers view'),
  } satisfies Partial<HealthStrings>;
}

/** The selection, Fix selected and the exports. */
function actionStrings() {
  return {
    selection: l10n.t('{0} selected'),
    selectAllShown: l10n.t('Select all shown'),
    clearSelection: l10n.t('Clear selection'),
    fixSelected: l10n.t('Fix selected ({0})…'),
    fixNone: l10n.t('Select findings with a suggested contact to fix them.'),
    notFixableNote: l10n.t('{0} selected findings have no suggested contact and are not included.'),
    exportFindingsCsv: l10n.t('Export findings (CSV)'),
    exportFindingsJson: l10n.t('Export findings (JSON)'),
    exportInventoryCsv: l10n.t('Export inventory (CSV)'),
    exportInventoryJson: l10n.t('Export inventory (JSON)'),
  } satisfies Partial<HealthStrings>;
}

// A function, not a constant: the strings are looked up after activation has loaded the bundle.
// The table is put together from the parts of the screen (the sections above).
export function healthStringTable(): HealthStrings {
  return { ...summaryStrings(), ...tableStrings(), ...actionStrings() };
}
