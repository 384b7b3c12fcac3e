import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PartnerCenterError, claimsChallenge, details, documentedError, errorFromAnswer, parseSignInRequest, signInRequestFor, toUserMessage, type PartnerCenterErrorKind } from '../../../src/partnerCenter/errors';

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

test('MFA as it really arrives: a plain 401 with 900421, or the older "MFA required" 10001, asks for the MFA claims', () => {
  const mfaClaims = '{"access_token":{"amr":{"values":["mfa"]}}}';
  for (const body of [
    { code: 900421, description: 'Multi-factor authentication is required for this App+User call.' },
    { code: '900421', description: 'Denied.' },
    { code: 10001, description: 'MFA required' },
  ]) {
    const e = errorFromAnswer({ status: 401, headers: ids, body });
    assert.equal(e.kind, 'mfaRequired', JSON.stringify(body));
    assert.equal(e.claims, mfaClaims);
    assert.equal(e.wwwAuthenticate, undefined, 'no challenge of its own was sent');
    assert.deepEqual(signInRequestFor(e), { claims: mfaClaims });
    assert.equal(e.code, body.code);
    assert.match(details(e), new RegExp(`Code: ${body.code}`));
  }
  // A plain 401 without either stays an expired/missing sign-in.
  assert.equal(errorFromAnswer({ status: 401, headers: {}, body: { code: 800001, description: 'Partner Token missing in request context' } }).kind, 'auth');
  // An empty claims value in an insufficient_claims challenge still gets the MFA claims.
  assert.equal(errorFromAnswer({ status: 401, headers: { 'www-authenticate': 'Bearer error="insufficient_claims", claims=""' } }).claims, mfaClaims);
});

test('the service\'s own challenge travels with the sign-in request; VS Code gets it, or one built from the MFA claims', () => {
  const own = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
  const header = `Bearer realm="", error="insufficient_claims", claims="${Buffer.from(own).toString('base64')}"`;
  const e = errorFromAnswer({ status: 401, headers: { 'www-authenticate': header } });
  assert.deepEqual(signInRequestFor(e), { claims: own, wwwAuthenticate: header });
  assert.deepEqual(parseSignInRequest({ claims: own, wwwAuthenticate: header }), { claims: own, wwwAuthenticate: header });
  // Only a one-line Bearer claims challenge, and only together with its claims, is passed on.
  for (const junk of [`${header}\r\nX-Evil: 1`, 'Basic realm="x"', 'Bearer error="invalid_token"', 42]) {
    assert.deepEqual(parseSignInRequest({ claims: own, wwwAuthenticate: junk }), { claims: own }, String(junk));
  }
  assert.deepEqual(parseSignInRequest({ wwwAuthenticate: header }), {});
  const built = claimsChallenge('{"access_token":{"amr":{"values":["mfa"]}}}');
  assert.match(built, /^Bearer realm="", error="insufficient_claims", claims="[A-Za-z0-9+/=]+"$/);
  assert.equal(errorFromAnswer({ status: 401, headers: { 'www-authenticate': built } }).claims, '{"access_token":{"amr":{"values":["mfa"]}}}');
});

test('each documented error (error-codes.tsv) gets its own plain sentence and next step; Copy Details keeps code and description', () => {
  const cases: [number, number, RegExp, string | undefined][] = [
    [403, 20002, /no commerce relationship with this customer/, 'refresh'],
    [404, 20003, /subscription no longer exists/, 'refresh'],
    [400, 800016, /not recognise this MPN ID as one of your indirect resellers/, 'pickReseller'],
    [403, 800039, /program status is not active/, 'pickReseller'],
    [403, 900123, /must accept the MPA in Partner Center/, 'pickReseller'],
    [400, 2011, /deleted/, 'refresh'],
    [400, 800091, /suspended/, 'refresh'],
    [403, 900150, /Admin agent, Global admin and Helpdesk agent/, 'switchAccount'],
    [401, 800001, /without your sign-in/, 'signIn'],
    [400, 800002, /request input is invalid/, undefined],
  ];
  const sentences = new Set<string>();
  for (const [status, code, sentence, action] of cases) {
    const err = errorFromAnswer({ status, headers: ids, body: { code, description: `the service's text for ${code}`, data: [], source: 'PartnerFD' } });
    assert.match(toUserMessage(err), sentence, String(code));
    assert.equal(documentedError(err)?.action, action, String(code));
    sentences.add(toUserMessage(err));
    for (const part of [`HTTP status: ${status}`, `Code: ${code}`, `the service's text for ${code}`, 'req-1']) assert.ok(details(err).includes(part), `${code}: ${part}`);
  }
  assert.equal(sentences.size, cases.length, 'one sentence per code');
  // The same number under another status is not read as the documented row; the code may come as a string.
  assert.equal(documentedError(errorFromAnswer({ status: 400, headers: {}, body: { code: 900123 } })), undefined);
  assert.match(toUserMessage(errorFromAnswer({ status: 403, headers: {}, body: { code: '900123' } })), /MPA/);
});
