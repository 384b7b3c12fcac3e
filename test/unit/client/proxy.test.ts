import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, ProxyAgent } from 'undici';
import { PartnerCenterClient, TenantLimiter, bypassesProxy, createDispatcher, proxyFor } from '../../../src/partnerCenter';
import { startForwardProxy } from './forwardProxy';
import { getToken, json, startLocalServer } from './localServer';

const c1 = '0b4a2c3e-1d2f-4a5b-8c9d-0e1f2a3b4c5d';

test('NO_PROXY: hosts, suffixes, *, ports, loopback', () => {
  assert.ok(bypassesProxy('https://api.partnercenter.microsoft.com', 'microsoft.com'));
  assert.ok(bypassesProxy('https://api.partnercenter.microsoft.com', '.microsoft.com'));
  assert.ok(bypassesProxy('https://api.partnercenter.microsoft.com', '*.microsoft.com'));
  assert.ok(!bypassesProxy('https://notmicrosoft.com', 'microsoft.com'));
  assert.ok(bypassesProxy('http://127.0.0.1:8080/x', 'localhost, 127.0.0.1'));
  assert.ok(bypassesProxy('http://127.0.0.1:8080/x', '127.0.0.1:8080'));
  assert.ok(!bypassesProxy('http://127.0.0.1:8080/x', '127.0.0.1:9090'));
  assert.ok(bypassesProxy('https://anything.example', '*'));
  assert.ok(bypassesProxy('http://[::1]:3000/', '[::1]:3000'));
  assert.ok(!bypassesProxy('https://a.example', undefined));
});

test('proxy choice: VS Code setting, then env, NO_PROXY wins', () => {
  const env = { HTTPS_PROXY: 'http://env-proxy:3128', HTTP_PROXY: 'http://plain-proxy:3128' };
  assert.equal(proxyFor('https://a.example', { env }), 'http://env-proxy:3128');
  assert.equal(proxyFor('http://a.example', { env }), 'http://plain-proxy:3128');
  assert.equal(proxyFor('https://a.example', { env, proxy: 'http://vscode-proxy:8080' }), 'http://vscode-proxy:8080');
  assert.equal(proxyFor('https://a.example', { env: { ...env, no_proxy: 'a.example' }, proxy: 'http://vscode-proxy:8080' }), undefined);
  assert.equal(proxyFor('https://a.example', { env: {} }), undefined);
  assert.ok(createDispatcher('https://a.example', { env: {} }) instanceof Agent);
  assert.ok(createDispatcher('https://a.example', { env, proxyStrictSSL: false }) instanceof ProxyAgent);
});

test('requests go through a local proxy; NO_PROXY bypasses it', async () => {
  const server = await startLocalServer((_req, res) => json(res, 200, { id: c1, companyProfile: {} }));
  const proxy = await startForwardProxy();
  const limiter = new TenantLimiter({ ratePerMinute: 60_000, burst: 100 });
  try {
    const viaProxy = createDispatcher(server.url, { env: { HTTP_PROXY: proxy.url } });
    await new PartnerCenterClient({ baseUrl: server.url, getToken, application: 't/1', dispatcher: viaProxy, limiter }).getCustomer(c1);
    assert.equal(proxy.seen.length, 1);
    assert.ok(proxy.seen[0].includes(new URL(server.url).host), proxy.seen[0]);
    await viaProxy.close();
    const direct = createDispatcher(server.url, { env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
    await new PartnerCenterClient({ baseUrl: server.url, getToken, application: 't/1', dispatcher: direct, limiter }).getCustomer(c1);
    assert.equal(proxy.seen.length, 1);
    assert.equal(server.seen.length, 2);
    await direct.close();
  } finally { await proxy.close(); await server.close(); }
});
