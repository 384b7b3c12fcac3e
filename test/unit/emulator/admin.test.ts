// The admin API (/_emulator/...), startEmulator options and the CLI.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { startEmulator, type Reseller } from '../../emulator/index';
import { Harness, call, contactPath } from './emulatorHarness';

describe('emulator admin API', () => {
  it('reports state, the request log and seed data; reset restores everything', async () => {
    const h = await Harness.start({ customers: 60 });
    try {
      const state = await h.admin.state();
      assert.equal(state.partnerTenantId, h.emulator.partnerTenantId);
      assert.equal(state.customers, 60);
      assert.equal(state.resellers.length, 20);
      const keys = Object.keys(state.supportContacts);
      assert.ok(keys.length >= 120);
      assert.ok(keys.every((k) => k === k.toLowerCase() && /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/.test(k)));
      assert.equal((await h.admin.seed()).length, 50);
      assert.equal((await h.admin.seed({ all: true })).length, 60);

      const [customer] = await h.admin.seed();
      const sub = customer.subscriptions.find((s) => !s.nce && s.status === 'active' && s.supportContact === null);
      assert.ok(sub);
      const tailspin = state.resellers.find((r) => r.name === 'Tailspin Toys') as Reseller;
      const body = { SupportTenantId: tailspin.id, SupportMpnId: tailspin.mpnId, Name: tailspin.name };
      const put = () => h.api(contactPath(customer.id, sub.id), { method: 'PUT', body, headers: { 'MS-RequestId': 'admin-1' } });
      assert.equal((await put()).status, 200);
      const log = await h.admin.requests();
      assert.deepEqual(Object.keys(log[0]).slice(0, 9), ['seq', 'time', 'method', 'path', 'requestId', 'correlationId', 'locale', 'status', 'applied']);
      assert.equal(log[0].path, contactPath(customer.id, sub.id));

      await h.admin.reset();
      assert.deepEqual(await h.admin.requests(), []);
      const after = await h.admin.state();
      assert.deepEqual(after.supportContacts, state.supportContacts);
      assert.equal((await put()).status, 200); // PUT memory forgotten: applied again
      assert.equal((await h.admin.requests())[0].applied, true);
    } finally {
      await h.close();
    }
  });

  it('mints user and app tokens with the agreed claims', async () => {
    const h = await Harness.start({ customers: 1 });
    try {
      const payload = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
      const user = await h.admin.mint({});
      assert.match(user.access_token, /^[\w-]+\.[\w-]+\.$/);
      assert.ok(user.refresh_token);
      assert.equal(user.expires_in, 3600);
      const u = payload(user.access_token);
      assert.deepEqual([u.aud, u.tid, u.scp, u.amr, u.idtyp], ['https://api.partnercenter.microsoft.com', h.emulator.partnerTenantId, 'user_impersonation', ['pwd', 'mfa'], 'user']);
      const app = payload((await h.admin.mint({ kind: 'app' })).access_token);
      assert.equal(app.idtyp, 'app');
      assert.equal(app.scp, undefined);
      assert.ok(Array.isArray(app.roles));
      const bad = await call(h.emulator.url, '/_emulator/tokens', { method: 'POST', body: { kind: 'robot' }, token: null });
      assert.equal(bad.status, 400);
      assert.equal((await call(h.emulator.url, '/_emulator/nothing', { token: null })).status, 404);
    } finally {
      await h.close();
    }
  });

  it('withFaults and withSignInsRefused undo what they set after the body, also when it fails', async () => {
    const h = await Harness.start({ customers: 1 });
    try {
      const during = await h.admin.withFaults({ status: 503, next: 5 }, async () => (await h.api('/v1/customers?size=1')).status);
      assert.equal(during, 503);
      assert.deepEqual(await h.admin.faults(), {});
      assert.equal((await h.api('/v1/customers?size=1')).status, 200);
      await assert.rejects(h.admin.withFaults({ status: 503, next: 5 }, async () => { throw new Error('the journey failed'); }), /the journey failed/);
      assert.deepEqual(await h.admin.faults(), {});
      await assert.rejects(h.admin.withSignInsRefused({ code: 53003 }, async () => {
        assert.deepEqual(await h.admin.signInRefusal(), { code: 53003 });
        throw new Error('the journey failed');
      }), /the journey failed/);
      assert.equal(await h.admin.signInRefusal(), null);
    } finally {
      await h.close();
    }
  });

  it('validates options and runs several emulators side by side', async () => {
    await assert.rejects(startEmulator({ customers: 0 }), RangeError);
    await assert.rejects(startEmulator({ customers: 50_001 }), RangeError);
    const [a, b] = await Promise.all([startEmulator({ customers: 1 }), startEmulator({ customers: 1, seed: 2 })]);
    try {
      assert.notEqual(a.url, b.url);
      assert.notEqual(a.authority, b.authority);
      assert.notEqual(a.partnerTenantId, b.partnerTenantId);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('emulator CLI', () => {
  const cli = path.join(__dirname, '..', '..', 'emulator', 'cli.js');

  it('prints the two agreed lines, serves requests and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, '--port', '0', '--auth-port=0', '--customers', '7', '--static-token', 'cli-token', '--bom',
      '--throttle-per-minute', '600', '--throttle-burst', '5', '--latency-ms', '1', '--latency-jitter-ms', '1', '--seed', '3', '--auto-approve'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      const first = (await lines.next()).value as string;
      const second = (await lines.next()).value as string;
      assert.match(first, /^Partner Center emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
      assert.match(second, /^Sign-in authority: https:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]{36}$/);
      const url = first.slice(first.lastIndexOf(' ') + 1);
      const response = await call(url, '/v1/customers?size=100', { token: 'cli-token' });
      assert.equal(response.status, 200);
      assert.ok(response.text.startsWith('\uFEFF'));
      assert.equal((response.json as { items: unknown[] }).items.length, 7);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit') as [number | null];
    assert.equal(code, 0);
  });

  it('exits with code 2 on an unknown option', async () => {
    const child = spawn(process.execPath, [cli, '--nope'], { stdio: 'ignore' });
    const [code] = await once(child, 'exit') as [number | null];
    assert.equal(code, 2);
  });
});
