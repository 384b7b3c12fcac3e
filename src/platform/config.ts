// Typed access to the `partnerCenter.*` settings. The only place that reads them.
import * as vscode from 'vscode';
import { isRuleId, type RuleId } from '../health/rules';
import { isLanguageTag } from './languageTag';

export type Cloud = 'public' | 'usGovernment' | 'china';
export type AuthenticationMethod = 'vscode' | 'deviceCode';

export interface PartnerCenterSettings {
  cloud: Cloud;
  clientId: string;
  tenant: string;
  authentication: AuthenticationMethod;
  pageSize: number;
  /** How long a silent token request may take (1–600 s, default 30). */
  signInTimeoutSeconds: number;
  /** A valid BCP 47 tag or empty: a bad setting is left out (see `invalidLocale`), never sent. */
  locale: string;
  /** The `partnerCenter.locale` value that was ignored because it is not a BCP 47 language tag. */
  invalidLocale?: string;
  endpoint: string;
  authority: string;
}

const CLOUDS: readonly Cloud[] = ['public', 'usGovernment', 'china'];

export function readSettings(): PartnerCenterSettings {
  const c = vscode.workspace.getConfiguration('partnerCenter');
  const cloud = c.get<string>('cloud', 'public');
  const pageSize = Math.trunc(c.get<number>('pageSize', 50));
  const signInTimeout = Math.trunc(c.get<number>('signInTimeoutSeconds', 30));
  const locale = c.get<string>('locale', '').trim();
  const validLocale = locale === '' || isLanguageTag(locale);
  return {
    cloud: (CLOUDS as readonly string[]).includes(cloud) ? (cloud as Cloud) : 'public',
    clientId: c.get<string>('clientId', '').trim(),
    tenant: c.get<string>('tenant', '').trim(),
    authentication: c.get<string>('authentication', 'vscode') === 'deviceCode' ? 'deviceCode' : 'vscode',
    pageSize: Number.isFinite(pageSize) ? Math.min(500, Math.max(1, pageSize)) : 50,
    signInTimeoutSeconds: Number.isFinite(signInTimeout) ? Math.min(600, Math.max(1, signInTimeout)) : 30,
    locale: validLocale ? locale : '',
    ...(validLocale ? {} : { invalidLocale: locale }),
    endpoint: c.get<string>('endpoint', '').trim(),
    authority: c.get<string>('authority', '').trim(),
  };
}

/** The X-Locale to send: the override, else VS Code's display language (e.g. `de` → `de`, `en` → `en-US`). */
export function effectiveLocale(settings: PartnerCenterSettings): string {
  if (settings.locale) return settings.locale;
  const lang = vscode.env.language || 'en';
  return lang === 'en' ? 'en-US' : lang;
}

export interface HealthCheckSettings {
  /** Rule ids the partner switched off (`partnerCenter.healthCheck.disabledRules`); unknown ids are dropped. */
  disabledRules: RuleId[];
}

export function readHealthSettings(): HealthCheckSettings {
  const raw = vscode.workspace.getConfiguration('partnerCenter').get<unknown>('healthCheck.disabledRules', []);
  return { disabledRules: Array.isArray(raw) ? raw.filter(isRuleId) : [] };
}

export function onSettingsChanged(listener: (s: PartnerCenterSettings) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('partnerCenter')) listener(readSettings());
  });
}
