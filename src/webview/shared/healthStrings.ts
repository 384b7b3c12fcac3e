// The Health Check Report's string table: which strings its page shows. The host fills it in VS Code's
// display language (healthStringTable.ts) and embeds it in the HTML; the page reads it before its
// first paint. Shared by the host and the page: no `vscode`, DOM or Node imports here.

export const HEALTH_STRING_KEYS = [
  'loading', 'title', 'metaAccount', 'metaLastScan', 'metaNoScan', 'scanning', 'runScan',
  'totCustomers', 'totSubscriptions', 'totChecked', 'totHealthy', 'totFindings', 'totNce', 'totNotActive', 'totUnreadable',
  'chartByContact', 'chartByRule', 'chartOther', 'chartBar', 'chartEmpty',
  'filterLabel', 'filterPlaceholder', 'ruleLabel', 'ruleAll', 'groupLabel', 'groupCustomer', 'groupReseller',
  'colCustomer', 'colSubscription', 'colCurrent', 'colFinding', 'colSuggestion', 'colRead',
  'gridLabel', 'noRows', 'noFindings', 'group', 'groupOne', 'rowName', 'includeRow', 'includeGroup', 'showInTree',
  'selection', 'selectAllShown', 'clearSelection', 'fixSelected', 'fixNone', 'notFixableNote',
  'exportFindingsCsv', 'exportFindingsJson', 'exportInventoryCsv', 'exportInventoryJson',
] as const;

export type HealthStringKey = (typeof HEALTH_STRING_KEYS)[number];
export type HealthStrings = Record<HealthStringKey, string>;
