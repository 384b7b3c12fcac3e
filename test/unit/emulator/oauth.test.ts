// The sign-in authority over HTTPS: OpenID configuration, device code (manual and auto approve), refresh grant,
// the verification page, and an msal-node device-code sign-in end to end.
import { INetworkModule, NetworkResponse, PublicClientApplication } from '@azure/msal-node';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Agent, fetch as undiciFetch } from 'undici';
import { Harness } from './emulatorHarness';

const PC_SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation';
const CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

interface TokenAnswer { access_token: string; refresh_token: string; id_token: string; client_info: string; scope: string; error?: string }

describe('emulator sign-in authority', () => {
  let h: Harness;
  let agent: Agent;
  before(async () => {
    h = await Harness.start({ customers: 5 });
    agent = new Agent({ connect: { ca: h.emulator.caCertPem } });
  });
  after(async () => {
    await agent.close();
    await h.close();
  });

  const post = async (path: string, form: Record<string, string>) => {
    const response = await undiciFetch(`${h.emulator.authority}${path}`, { method: 'POST', body: new URLSearchParams(form), dispatcher: agent });
    return { status: response.status, body: await response.json() as TokenAnswer & Record<string, unknown> };
  };
  const startDeviceCode = (scope = `${PC_SCOPE} openid profile offline_access`) =>
    post('/oauth2/v2.0/devicecode', { client_id: CLIENT_ID, scope }).then((r) => r.body as unknown as { device_code: string; user_code: string; verification_uri: string; interval: number });
  const poll = (deviceCode: string) => post('/oauth2/v2.0/token', { grant_type: 'device_code', client_id: CLIENT_ID, device_code: deviceCode });

  it('serves the OpenID configuration over HTTPS with a certificate valid for 127.0.0.1', async () => {
    const response = await undiciFetch(`${h.emulator.authority}/v2.0/.well-known/openid-configuration`, { dispatcher: agent });
    const config = await response.json() as { issuer: string; token_endpoint: string };
    assert.equal(config.issuer, `${h.emulator.authority}/v2.0`);
    assert.equal(config.token_endpoint, `${h.emulator.authority}/oauth2/v2.0/token`);
    assert.match(h.emulator.authority, /^https:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]{36}$/);
  });

  it('completes a device-code sign-in approved through the admin API; tokens work against REST', async () => {
    const code = await startDeviceCode();
    assert.equal(code.interval, 1);
    assert.match(code.verification_uri, /^https:\/\/127\.0\.0\.1:\d+\/devicelogin$/);
    const pending = await poll(code.device_code);
    assert.equal(pending.status, 400);
    assert.equal(pending.body.error, 'authorization_pending');
    await h.admin.approveDeviceCode(code.user_code.toLowerCase());
    const done = await poll(code.device_code);
    assert.equal(done.status, 200);
    assert.equal(done.body.scope, PC_SCOPE);
    assert.ok(done.body.id_token && done.body.refresh_token);
    const clientInfo = JSON.parse(Buffer.from(done.body.client_info, 'base64url').toString('utf8')) as { uid: string; utid: string };
    assert.equal(clientInfo.utid, h.emulator.partnerTenantId);
    const claims = JSON.parse(Buffer.from(done.body.access_token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
    assert.equal(claims.aud, 'https://api.partnercenter.microsoft.com');
    assert.equal(claims.tid, h.emulator.partnerTenantId);
    assert.equal(claims.scp, 'user_impersonation');
    assert.ok(typeof claims.exp === 'number' && typeof claims.oid === 'string');
    assert.equal((await h.api('/v1/customers?size=1', { token: done.body.access_token })).status, 200);
    assert.equal((await poll(code.device_code)).body.error, 'invalid_grant'); // used up
  });

  it('refreshes tokens, and a claims request yields an MFA token', async () => {
    const minted = await h.admin.mint({ mfa: false });
    assert.equal((await h.api('/v1/customers?size=1', { token: minted.access_token })).status, 401);
    const claims = JSON.stringify({ access_token: { amr: { essential: true, values: ['mfa'] } } });
    const refreshed = await post('/oauth2/v2.0/token', { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: minted.refresh_token ?? '', scope: PC_SCOPE, claims });
    assert.equal(refreshed.status, 200);
    assert.equal((await h.api('/v1/customers?size=1', { token: refreshed.body.access_token })).status, 200);
    const bad = await post('/oauth2/v2.0/token', { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: 'nope', scope: PC_SCOPE });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error, 'invalid_grant');
  });

  it('revokes every token issued so far: REST answers 401 and refresh is refused; new tokens work', async () => {
    const before = await h.admin.mint({});
    assert.equal((await h.api('/v1/customers?size=1', { token: before.access_token })).status, 200);
    const answer = await h.admin.revokeTokens();
    assert.ok(answer.revoked >= 2);
    const refused = await h.api('/v1/customers?size=1', { token: before.access_token });
    assert.equal(refused.status, 401);
    assert.match(String(refused.headers.get('www-authenticate')), /invalid_token.*revoked/);
    const refresh = await post('/oauth2/v2.0/token', { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: before.refresh_token ?? '', scope: PC_SCOPE });
    assert.equal(refresh.body.error, 'invalid_grant');
    const after = await h.admin.mint({});
    assert.equal((await h.api('/v1/customers?size=1', { token: after.access_token })).status, 200);
  });

  it('issues a token for another resource that REST rejects (wrong audience)', async () => {
    const code = await startDeviceCode('https://graph.microsoft.com/User.Read offline_access');
    await h.admin.approveDeviceCode(code.user_code);
    const done = await poll(code.device_code);
    assert.equal((await h.api('/v1/customers?size=1', { token: done.body.access_token })).status, 401);
  });

  it('serves a verification page whose Approve button approves the code', async () => {
    const code = await startDeviceCode();
    const page = await undiciFetch(code.verification_uri, { dispatcher: agent });
    assert.match(await page.text(), /<button[^>]*>Approve<\/button>/);
    const approved = await undiciFetch(code.verification_uri, { method: 'POST', body: new URLSearchParams({ user_code: code.user_code }), dispatcher: agent });
    assert.equal(approved.status, 200);
    assert.match(await approved.text(), /Signed in/);
    assert.equal((await poll(code.device_code)).status, 200);
  });
});

describe('emulator sign-in with msal-node', () => {
  it('signs in with a device code (auto-approved) and refreshes silently', async () => {
    const h = await Harness.start({ customers: 5, autoApproveDeviceCode: true });
    const agent = new Agent({ connect: { ca: h.emulator.caCertPem } });
    const send = async <T>(url: string, method: string, body?: string, headers?: Record<string, string>): Promise<NetworkResponse<T>> => {
      const response = await undiciFetch(url, { method, body, headers, dispatcher: agent });
      return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.json() as T };
    };
    const networkClient: INetworkModule = {
      sendGetRequestAsync: (url, options) => send(url, 'GET', undefined, options?.headers),
      sendPostRequestAsync: (url, options) => send(url, 'POST', options?.body, options?.headers),
    };
    try {
      const app = new PublicClientApplication({
        auth: { clientId: CLIENT_ID, authority: h.emulator.authority, knownAuthorities: [new URL(h.emulator.authority).host] },
        system: { networkClient },
      });
      let message = '';
      const result = await app.acquireTokenByDeviceCode({ scopes: [PC_SCOPE], deviceCodeCallback: (r) => { message = r.message; } });
      assert.ok(result);
      assert.match(message, /enter the code/);
      assert.equal(result.tenantId, h.emulator.partnerTenantId);
      assert.equal((await h.api('/v1/customers?size=1', { token: result.accessToken })).status, 200);
      const account = result.account;
      assert.ok(account);
      const silent = await app.acquireTokenSilent({ account, scopes: [PC_SCOPE], forceRefresh: true });
      assert.notEqual(silent.accessToken, result.accessToken);
      assert.equal((await h.api('/v1/customers?size=1', { token: silent.accessToken })).status, 200);
    } finally {
      await agent.close();
      await h.close();
    }
  });
});
