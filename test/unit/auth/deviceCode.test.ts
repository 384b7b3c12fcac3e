// Device-code sign-in (msal-node) against the emulator's HTTPS authority, as the extension runs it:
// our undici network client pinned to the emulator's certificate, the token cache in a store the
// caller owns (SecretStorage in VS Code).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DeviceCodeAuth, type DeviceCodePrompt } from '../../../src/auth/deviceCodeChunk';
import { endpointProblem, PARTNER_CENTER_SCOPE } from '../../../src/auth/clouds';
import { createDispatcher } from '../../../src/partnerCenter';
import { startEmulator, type RunningEmulator } from '../../emulator/index';

let emulator: RunningEmulator;
let stored: string | undefined;
const cacheStore = { read: async () => stored, write: async (v: string) => void (stored = v) };
const make = () => new DeviceCodeAuth({
  authority: emulator.authority,
  clientId: '00000000-0000-0000-0000-00000000c0de',
  scopes: [PARTNER_CENTER_SCOPE],
  cacheStore,
  dispatcher: createDispatcher(emulator.authority, { ca: emulator.caCertPem, env: {} }),
});

before(async () => {
  emulator = await startEmulator({ customers: 5, autoApproveDeviceCode: true });
});
after(async () => emulator.close());

test('device-code sign-in shows a code, then yields an App+User token the REST API accepts', async () => {
  const prompts: DeviceCodePrompt[] = [];
  const token = await make().signIn((p) => prompts.push(p));
  assert.equal(prompts.length, 1);
  assert.match(prompts[0].userCode, /^[A-Z0-9]{6,}$/);
  assert.match(prompts[0].verificationUri, /^https:\/\/127\.0\.0\.1:\d+\//);
  assert.match(token.account.username, /@/);
  const res = await fetch(`${emulator.url}/v1/customers?size=1`, { headers: { authorization: `Bearer ${token.accessToken}` } });
  assert.equal(res.status, 200);
  assert.ok(stored && !stored.includes(prompts[0].userCode), 'the token cache was not persisted');
});

test('a new client (after a restart) finds the account in the persisted cache and refreshes silently', async () => {
  const fresh = make();
  const silent = await fresh.getToken();
  assert.ok(silent?.accessToken);
  const forced = await fresh.getToken(true);
  assert.ok(forced?.accessToken);
  assert.notEqual(forced.accessToken, silent.accessToken, 'forceRefresh did not go through the refresh-token grant');
});

test('sign out forgets the account', async () => {
  const auth = make();
  await auth.signOut();
  assert.equal((await auth.accounts()).length, 0);
  assert.equal(await auth.getToken(), undefined);
});

test('cancelling a pending sign-in stops polling with an AbortError', async () => {
  const slow = await startEmulator({ customers: 1 }); // not auto-approved: stays pending
  try {
    const auth = new DeviceCodeAuth({
      authority: slow.authority, clientId: '00000000-0000-0000-0000-00000000c0de', scopes: [PARTNER_CENTER_SCOPE],
      cacheStore: { read: async () => undefined, write: async () => undefined },
      dispatcher: createDispatcher(slow.authority, { ca: slow.caCertPem, env: {} }),
    });
    const abort = new AbortController();
    const pending = auth.signIn(() => setTimeout(() => abort.abort(), 300), abort.signal);
    await assert.rejects(pending, (err: Error) => err.name === 'AbortError');
  } finally {
    await slow.close();
  }
});

test('endpoint overrides: https anywhere, plain http only on loopback, never with credentials', () => {
  assert.equal(endpointProblem('https://api.partnercenter.microsoft.com'), undefined);
  assert.equal(endpointProblem('http://127.0.0.1:4000'), undefined);
  assert.equal(endpointProblem('http://localhost:4000'), undefined);
  assert.match(endpointProblem('http://evil.example') ?? '', /https/);
  assert.match(endpointProblem('https://user:pass@host.example') ?? '', /user name or password/);
  assert.match(endpointProblem('not a url') ?? '', /not a URL/);
});
