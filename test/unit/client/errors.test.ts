import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PartnerCenterError, details, errorFromAnswer, toUserMessage, type PartnerCenterErrorKind } from '../../../src/partnerCenter/errors';

const ids = { 'ms-requestid': 'req-1', 'ms-correlationid': 'cor-1' };

test('HTTP answers map to kinds, keeping status, code, description and ids', () => {
  const claims = Buffer.from('{"access_token":{"acrs":{"essential":true,"value":"c1"}}}').toString('base64');
  const cases: [number, Record<string, string>, unknown, PartnerCenterErrorKind][] = [
    [400, {}, { code: 900150, description: 'Support contact is not supported for new commerce subscriptions.' }, 'nce'],
    [401, { 'www-authenticate': `Bearer realm="", error="insufficient_claims", claims="${claims}"` }, undefined, 'mfaRequired'],
    [401, { 'www-authenticate': 'Bearer error="invalid_token", error_description="The token expired"' }, undefined, 'auth'],
    [403, {}, undefined, 'forbidden'],
    [404, {}, { code: 'NotFound', description: 'Customer not found' }, 'notFound'],
    [400, {}, { code: 20002, description: 'Bad GUID' }, 'validation'],
    [409, {}, { code: 'Conflict', description: 'Subscription is suspended' }, 'validation'],
    [429, { 'retry-after': '7' }, undefined, 'throttled'],
    [503, {}, { code: 'x', description: 'busy' }, 'service'],
  ];
  for (const [status, headers, body, kind] of cases) {
    const e = errorFromAnswer({ status, headers: { ...ids, ...headers }, body });
    assert.equal(e.kind, kind, `${status}`);
    assert.equal(e.status, status);
    assert.equal(e.requestId, 'req-1');
    assert.equal(e.correlationId, 'cor-1');
    assert.ok(e instanceof Error);
  }
  const mfa = errorFromAnswer({ status: 401, headers: { 'www-authenticate': `Bearer error="insufficient_claims", claims="${claims}"` } });
  assert.match(mfa.claims ?? '', /acrs/);
  assert.equal(errorFromAnswer({ status: 429, headers: { 'retry-after': '7' } }).retryAfterSeconds, 7);
  assert.equal(errorFromAnswer({ status: 409, headers: {}, body: { code: 'Conflict', description: 'x' } }).status, 409);
  assert.equal(errorFromAnswer({ status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token", error_description="The token expired"' } }).tokenExpired, true);
  assert.equal(errorFromAnswer({ status: 400, headers: {}, body: { code: 20002, description: 'Bad' } }).code, 20002);
});

test('every kind has a plain user message; details never include a token', () => {
  const kinds: PartnerCenterErrorKind[] = ['auth', 'mfaRequired', 'forbidden', 'notFound', 'validation', 'nce', 'throttled', 'service', 'network', 'timeout', 'cancelled'];
  const seen = new Set<string>();
  for (const kind of kinds) {
    const message = toUserMessage(new PartnerCenterError(kind, 'x', { status: 500 }));
    assert.match(message, /\.$/);
    seen.add(message);
  }
  assert.equal(seen.size, kinds.length);
  const e = errorFromAnswer({ status: 400, headers: ids, body: { code: 20002, description: 'Bad GUID' } });
  const text = details(e);
  for (const part of ['400', '20002', 'Bad GUID', 'req-1', 'cor-1']) assert.ok(text.includes(part), part);
  assert.doesNotMatch(text, /Bearer|authorization/i);
  assert.match(toUserMessage(new PartnerCenterError('validation', 'The reseller tenant id is not a GUID.')), /not a GUID/);
});

test('a description that echoes a token is redacted', () => {
  const e = errorFromAnswer({ status: 400, headers: {}, body: { description: 'bad header Bearer abc.def.ghi and eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ4In0.' } });
  assert.doesNotMatch(e.description ?? '', /abc\.def|eyJhbGciOiJub25lIn0/);
  assert.doesNotMatch(details(e), /eyJ0aWQiOiJ4In0/);
});
