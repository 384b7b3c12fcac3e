// What the support-contact health check shows a person, as plain text: the progress line, the
// one-line result, and the summary document (totals, findings per rule and per contact, the
// findings with their evidence and suggested fix, the NCE subscriptions). No vscode import, so it is
// unit-tested under plain Node; commands/health.ts puts these into notifications and documents.
import * as l10n from '@vscode/l10n';
import type { ScanProgress } from '../health/scan';
import type { HealthSummary } from '../health/summary';
import { ruleIds, ruleTitle, type RuleId } from '../health/rules';
import { describeContact } from '../partnerCenter';
import { md, table } from './bulkDocuments';

/** "about 3 min", "about 40 s", "less than 10 s". */
export function etaText(seconds: number): string {
  if (seconds < 10) return l10n.t('less than 10 s');
  if (seconds < 90) return l10n.t('about {0} s', Math.round(seconds / 10) * 10);
  if (seconds < 90 * 60) return l10n.t('about {0} min', Math.round(seconds / 60));
  return l10n.t('about {0} h {1} min', Math.floor(seconds / 3600), Math.round((seconds % 3600) / 60));
}

export function healthProgressText(p: ScanProgress, findings: number): string {
  const customers = p.listingComplete
    ? l10n.t('{0} of {1} customers', p.customersDone.toLocaleString('en-US'), p.customersListed.toLocaleString('en-US'))
    : l10n.t('{0} customers (listing…)', p.customersDone.toLocaleString('en-US'));
  const parts = [customers, findings === 1 ? l10n.t('1 finding') : l10n.t('{0} findings', findings.toLocaleString('en-US'))];
  if (p.etaSeconds !== undefined && p.customersDone < p.customersListed) parts.push(l10n.t('{0} left at the throttle\'s pace', etaText(p.etaSeconds)));
  if (p.customersWithErrors > 0) parts.push(l10n.t('{0} could not be read', p.customersWithErrors));
  return parts.join(' · ');
}

/** The one line a notification shows after a scan. */
export function healthResultText(s: HealthSummary): string {
  const found = s.findings.length === 1 ? l10n.t('1 subscription has the wrong support contact') : l10n.t('{0} subscriptions have the wrong support contact', s.findings.length.toLocaleString('en-US'));
  return l10n.t('Health check: {0} customers, {1} subscriptions checked; {2}. {3} NCE subscriptions cannot be set through the API.',
    s.customers.toLocaleString('en-US'), s.checked.toLocaleString('en-US'), found, s.nce.length.toLocaleString('en-US'));
}

/** The summary document. At most `limit` findings are listed (all of them are counted). */
export function healthMarkdown(s: HealthSummary, meta: { account?: string; lastScan?: string; disabled: ReadonlySet<RuleId> }, limit = 1000): string {
  const lines: string[] = [`# ${l10n.t('Support-contact health check')}`, ''];
  // Each its own paragraph: a name ending in spaces must not turn the line break into a <br>.
  if (meta.account) lines.push(l10n.t('Account: {0}', md(meta.account)), '');
  if (meta.lastScan) lines.push(l10n.t('Last complete scan: {0}', md(meta.lastScan)), '');
  lines.push('', `## ${l10n.t('Totals')}`, '', ...table([l10n.t('What'), l10n.t('Count')], [
    [l10n.t('Customers'), String(s.customers)],
    [l10n.t('Subscriptions'), String(s.subscriptions)],
    [l10n.t('Legacy, active: support contact checked'), String(s.checked)],
    [l10n.t('… with the right contact'), String(s.healthy)],
    [l10n.t('… with a finding'), String(s.findings.length)],
    [l10n.t('NCE: cannot be set through the API'), String(s.nce.length)],
    [l10n.t('Legacy, not active: not checked'), String(s.notActive)],
    [l10n.t('Contact could not be read'), String(s.unreadable)],
    [l10n.t('Customers whose subscriptions could not be read'), String(s.customersUnreadable)],
  ]));
  lines.push('', `## ${l10n.t('Findings per rule')}`, '', ...table([l10n.t('Rule'), l10n.t('Setting id'), l10n.t('Findings')],
    ruleIds.map((id) => [ruleTitle(id), id, meta.disabled.has(id) ? l10n.t('switched off') : String(s.byRule[id])])));
  lines.push('', `## ${l10n.t('Checked subscriptions per support contact')}`, '', ...table([l10n.t('Support contact'), l10n.t('Subscriptions')],
    s.byContact.map((c) => [c.label, String(c.count)])));
  lines.push('', `## ${l10n.t('Findings')}`, '');
  if (s.findings.length === 0) lines.push(l10n.t('No findings.'));
  else {
    if (s.findings.length > limit) lines.push(l10n.t('The first {0} of {1} findings:', limit, s.findings.length), '');
    lines.push(...table([l10n.t('Customer'), l10n.t('Subscription'), l10n.t('Finding'), l10n.t('Current contact'), l10n.t('Suggested fix'), l10n.t('Read')],
      s.findings.slice(0, limit).map((f) => [f.customerName, f.subscriptionName, f.sentence, describeContact(f.evidence.contact), f.fix, f.read])));
  }
  lines.push('', `## ${l10n.t('NCE subscriptions: cannot be set through the API')}`, '');
  if (s.nce.length === 0) lines.push(l10n.t('None.'));
  else {
    if (s.nce.length > limit) lines.push(l10n.t('The first {0} of {1}:', limit, s.nce.length), '');
    lines.push(...table([l10n.t('Customer'), l10n.t('Subscription'), l10n.t('Status')],
      s.nce.slice(0, limit).map((n) => [n.customer.name, n.subscription.name, n.subscription.status])));
  }
  return `${lines.join('\n')}\n`;
}
