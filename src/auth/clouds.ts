// Where each Partner Center cloud lives: REST base URL, sign-in authority host, and which VS Code
// authentication provider serves it. Plain data; no vscode import.
export type CloudName = 'public' | 'usGovernment' | 'china';

export interface CloudEndpoints {
  restBaseUrl: string;
  authorityHost: string;
  /** VS Code's provider id: `microsoft`, or `microsoft-sovereign-cloud` for US Government and China. */
  vscodeProvider: 'microsoft' | 'microsoft-sovereign-cloud';
  /** The value `microsoft-sovereign-cloud.environment` must have for this cloud. */
  sovereignEnvironment?: 'AzureUSGovernment' | 'AzureChinaCloud';
  label: string;
}

export const CLOUDS: Record<CloudName, CloudEndpoints> = {
  public: {
    restBaseUrl: 'https://api.partnercenter.microsoft.com',
    authorityHost: 'https://login.microsoftonline.com',
    vscodeProvider: 'microsoft',
    label: 'Microsoft Partner Center (worldwide)',
  },
  usGovernment: {
    restBaseUrl: 'https://api.partnercenter.microsoft.com',
    authorityHost: 'https://login.microsoftonline.us',
    vscodeProvider: 'microsoft-sovereign-cloud',
    sovereignEnvironment: 'AzureUSGovernment',
    label: 'Partner Center for Microsoft Cloud for US Government',
  },
  china: {
    restBaseUrl: 'https://partner.partnercenterapi.microsoftonline.cn',
    authorityHost: 'https://login.chinacloudapi.cn',
    vscodeProvider: 'microsoft-sovereign-cloud',
    sovereignEnvironment: 'AzureChinaCloud',
    label: 'Partner Center operated by 21Vianet (China)',
  },
};

/** The delegated (App+User) scope of the Partner Center API. */
export const PARTNER_CENTER_SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation';

export function authorityFor(cloud: CloudName, tenant: string, override?: string): string {
  if (override) return override.replace(/\/+$/, '');
  return `${CLOUDS[cloud].authorityHost}/${tenant || 'organizations'}`;
}

/** Scopes for VS Code's Microsoft provider, with a custom app registration and tenant when set. */
export function vscodeScopes(clientId: string, tenant: string): string[] {
  const scopes = [PARTNER_CENTER_SCOPE];
  if (clientId) scopes.push(`VSCODE_CLIENT_ID:${clientId}`);
  if (tenant) scopes.push(`VSCODE_TENANT:${tenant}`);
  return scopes;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Why an endpoint override may not receive Partner Center tokens, or undefined when it may: it must
 * be https (plain http only on this machine's loopback, for the local emulator) and carry no
 * credentials in the URL.
 */
export function endpointProblem(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `"${url}" is not a URL.`;
  }
  if (u.username || u.password) return 'The endpoint URL must not contain a user name or password.';
  if (u.protocol === 'https:') return undefined;
  if (u.protocol === 'http:' && LOOPBACK.has(u.hostname)) return undefined;
  return 'The endpoint must be an https URL (plain http only on 127.0.0.1 or localhost, for the local emulator).';
}
