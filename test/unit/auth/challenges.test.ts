import { test } from 'node:test';
import assert from 'node:assert/strict';
import { challengeFor } from '../../../src/auth/challenges';
import { errorFromAnswer, signInRequestFor } from '../../../src/partnerCenter';

test('VS Code\'s provider gets the service\'s own challenge, or one asking for the MFA claims after a 900421', () => {
  const own = `Bearer realm="", error="insufficient_claims", claims="${Buffer.from('{"access_token":{"acrs":{"essential":true,"value":"c1"}}}').toString('base64')}"`;
  const challenged = signInRequestFor(errorFromAnswer({ status: 401, headers: { 'www-authenticate': own } }));
  assert.ok(challenged);
  assert.equal(challengeFor(challenged), own);
  const plain = signInRequestFor(errorFromAnswer({ status: 401, headers: { 'www-authenticate': 'OAuth realm=urn:cpsvc:cpid:x' }, body: { code: 900421, description: 'MFA' } }));
  assert.ok(plain);
  const built = challengeFor(plain);
  const claims = /claims="([^"]+)"/.exec(built)?.[1] ?? '';
  assert.deepEqual(JSON.parse(Buffer.from(claims, 'base64').toString('utf8')), { access_token: { amr: { values: ['mfa'] } } });
  assert.match(built, /error="insufficient_claims"/);
});
