// Chooses the undici dispatcher: VS Code's http.proxy / http.proxyStrictSSL (passed in as plain
// values), else HTTPS_PROXY / HTTP_PROXY from the environment, honouring NO_PROXY.

import type { Dispatcher } from 'undici';
import { undici } from './undici';

export interface ProxySettings {
  /** VS Code's `http.proxy` (empty = not set). */
  proxy?: string;
  /** VS Code's `http.proxyStrictSSL` (default true). */
  proxyStrictSSL?: boolean;
  /** Defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Extra CA certificates (PEM) to trust for the target, e.g. an emulator's. */
  ca?: string;
}

function envValue(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = env[name] ?? env[name.toLowerCase()];
  return value && value.trim() !== '' ? value.trim() : undefined;
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : '80';
}

/** True when NO_PROXY (comma/space separated hosts, .suffixes, *.suffixes, host:port, `*`) covers the URL. */
export function bypassesProxy(targetUrl: string, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const url = new URL(targetUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || defaultPort(url.protocol);
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    let entryPort: string | undefined;
    const withPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry); // "host:port" or "[v6]:port"; bare "::1" has no port
    if (withPort) { entry = withPort[1]; entryPort = withPort[2]; }
    entry = entry.replace(/^\[|\]$/g, '');
    if (entryPort && entryPort !== port) continue;
    if (entry.startsWith('*.')) entry = entry.slice(1);
    if (entry.startsWith('.') ? host.endsWith(entry) || host === entry.slice(1) : host === entry || host.endsWith(`.${entry}`)) return true;
  }
  return false;
}

/** The proxy URL to use for the target, or undefined for a direct connection. */
export function proxyFor(targetUrl: string, settings: ProxySettings = {}): string | undefined {
  const env = settings.env ?? process.env;
  const noProxy = envValue(env, 'NO_PROXY');
  if (bypassesProxy(targetUrl, noProxy)) return undefined;
  if (settings.proxy && settings.proxy.trim() !== '') return settings.proxy.trim();
  const https = new URL(targetUrl).protocol === 'https:';
  return (https ? envValue(env, 'HTTPS_PROXY') : undefined) ?? envValue(env, 'HTTP_PROXY') ?? (https ? undefined : envValue(env, 'HTTPS_PROXY'));
}

/** A ProxyAgent when a proxy applies to the target, else a plain Agent. */
export function createDispatcher(targetUrl: string, settings: ProxySettings = {}): Dispatcher {
  const strict = settings.proxyStrictSSL ?? true;
  const requestTls = { rejectUnauthorized: strict, ...(settings.ca ? { ca: settings.ca } : {}) };
  const proxy = proxyFor(targetUrl, settings);
  const { Agent, ProxyAgent } = undici();
  if (!proxy) return new Agent({ connect: requestTls });
  const proxyUrl = new URL(proxy);
  const token = proxyUrl.username
    ? `Basic ${Buffer.from(`${decodeURIComponent(proxyUrl.username)}:${decodeURIComponent(proxyUrl.password)}`).toString('base64')}`
    : undefined;
  proxyUrl.username = ''; proxyUrl.password = '';
  return new ProxyAgent({ uri: proxyUrl.toString(), token, requestTls, proxyTls: { rejectUnauthorized: strict } });
}
