// Entra refusing a sign-in on request (admin API), for the tests' Microsoft provider and for the
// device-code grant, and the sign-in log that shows which client id and claims were asked for.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Agent, fetch as undiciFetch } from 'undici';
import { REFUSALS, VSCODE_CLIENT_ID, type RefusalCode } from '../../emulator/index';
import { call, Harness } from './emulatorHarness';

const CUSTOM_CLIENT_ID = '11111111-2222-4333-8444-555555555555';

describe('emulator: Entra refusals and the sign-in log', () => {
  let h: Harness;
  let agent: Agent;
  before(async () => {
    h = await Harness.start({ customers: 3 });
    agent = new Agent({ connect: { ca: h.emulator.caCertPem } });
  });
  after(async () => {
    await agent.close();
    await h.close();
  });
  beforeEach(async () => { await h.admin.reset(); });

  const signIn = (body: Record<string, unknown>) => call(h.emulator.url, '/_emulator/signin', { method: 'POST', body, token: null });

  it('refuses with each documented AADSTS code as an OAuth error, then signs in once cleared', async () => {
    for (const code of Object.keys(REFUSALS).map((k) => Number(k) as RefusalCode)) {
      await h.admin.refuseSignIns({ code });
      const refused = await signIn({ clientId: VSCODE_CLIENT_ID, tenant: 'organizations' });
      assert.equal(refused.status, 400, String(code));
      const body = refused.json as { error: string; error_description: string; error_codes: number[] };
      assert.deepEqual(body.error_codes, [code]);
      assert.match(body.error_description, new RegExp(`^AADSTS${code}: `));
    }
    await h.admin.clearSignInRefusal();
    const ok = await signIn({ clientId: VSCODE_CLIENT_ID });
    assert.equal(ok.status, 200);
    const token = (ok.json as { access_token: string }).access_token;
    assert.equal((await h.api('/v1/customers?size=1', { token })).status, 200, 'the token is an App+User MFA token');
  });

  it('a refusal for one client id (65002: VS Code\'s own app) lets another client id sign in; the log shows both', async () => {
    await h.admin.refuseSignIns({ code: 65002, clientId: VSCODE_CLIENT_ID });
    assert.equal((await signIn({ clientId: VSCODE_CLIENT_ID, api: 'scopes', vscodeVersion: '1.100.3' })).status, 400);
    assert.equal((await signIn({ clientId: CUSTOM_CLIENT_ID, tenant: 'contoso.onmicrosoft.com', claims: '{"access_token":{"amr":{"values":["mfa"]}}}', api: 'challenge' })).status, 200);
    const log = await h.admin.signIns();
    assert.deepEqual(log.map(({ via, clientId, refused, api }) => ({ via, clientId, refused, api })), [
      { via: 'vscode', clientId: VSCODE_CLIENT_ID, refused: 65002, api: 'scopes' },
      { via: 'vscode', clientId: CUSTOM_CLIENT_ID, refused: undefined, api: 'challenge' },
    ]);
    assert.equal(log[1].tenant, 'contoso.onmicrosoft.com');
    assert.match(log[1].claims ?? '', /mfa/);
    assert.equal((await h.admin.signIns(log[0].seq)).length, 1);
  });

  it('count limits a refusal; bad refusal bodies are rejected', async () => {
    await h.admin.refuseSignIns({ code: 53003, count: 1 });
    assert.equal((await signIn({ clientId: CUSTOM_CLIENT_ID })).status, 400);
    assert.equal((await signIn({ clientId: CUSTOM_CLIENT_ID })).status, 200);
    for (const bad of [{ code: 12345 }, { code: '65002' }, { code: 65002, count: 0 }, { code: 65002, other: 1 }, [] as unknown]) {
      const r = await call(h.emulator.url, '/_emulator/signin/refuse', { method: 'POST', body: bad, token: null });
      assert.equal(r.status, 400, JSON.stringify(bad));
    }
    assert.equal((await signIn({})).status, 400, 'a sign-in names its client id');
  });

  it('the device-code grant is refused the same way, with the client id it was started with', async () => {
    await h.admin.refuseSignIns({ code: 700016 });
    const post = async (path: string, form: Record<string, string>) => {
      const response = await undiciFetch(`${h.emulator.authority}${path}`, { method: 'POST', body: new URLSearchParams(form), dispatcher: agent });
      return { status: response.status, body: await response.json() as Record<string, unknown> };
    };
    const code = (await post('/oauth2/v2.0/devicecode', { client_id: CUSTOM_CLIENT_ID, scope: 'https://api.partnercenter.microsoft.com/user_impersonation offline_access' })).body as { device_code: string; user_code: string };
    await h.admin.approveDeviceCode(code.user_code);
    const answer = await post('/oauth2/v2.0/token', { grant_type: 'device_code', client_id: CUSTOM_CLIENT_ID, device_code: code.device_code });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error, 'unauthorized_client');
    assert.match(String(answer.body.error_description), new RegExp(`^AADSTS700016: Application with identifier '${CUSTOM_CLIENT_ID}'`));
    const [record] = await h.admin.signIns();
    assert.equal(record.via, 'deviceCode');
    assert.equal(record.clientId, CUSTOM_CLIENT_ID);
    assert.equal(record.refused, 700016);
  });
});
