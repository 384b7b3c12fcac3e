import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aadstsCode, entraRefusal, MissingAppRegistrationError } from '../../../src/auth/entraErrors';
import { REFUSALS } from '../../emulator/entra';

test('each AADSTS refusal is one plain sentence with its next step', () => {
  const next: Record<number, string> = { 65001: 'ownAppRegistration', 65002: 'ownAppRegistration', 700016: 'ownAppRegistration', 53003: 'askAdmin', 50076: 'signInWithMfa', 50079: 'setUpMfa' };
  const ctx = { clientId: 'aebc6443-996d-45c2-90f0-388ff96faa56', tenant: 'organizations', resource: 'https://api.partnercenter.microsoft.com' };
  for (const [code, r] of Object.entries(REFUSALS)) {
    // As VS Code's provider and msal-node pass it on: Entra's description in the error's text.
    const refusal = entraRefusal(new Error(r.text(ctx)));
    assert.ok(refusal, code);
    assert.equal(refusal.next, next[Number(code)], code);
    assert.match(refusal.message, new RegExp(`\\(AADSTS${code}`));
    assert.doesNotMatch(refusal.message, /must be configured via preauthorization/, 'not Entra\'s text, a plain one');
  }
  assert.equal(aadstsCode(Object.assign(new Error('invalid_grant'), { errorMessage: 'AADSTS65001: no consent' })), 65001, 'msal ServerError');
  assert.equal(entraRefusal(new Error('AADSTS50058: silent sign-in failed')), undefined, 'others are not guessed at');
  assert.equal(entraRefusal(new Error('network down')), undefined);
});

test('device-code sign-in without a client id leads to the own-app-registration flow, naming the setting', () => {
  const err = new MissingAppRegistrationError();
  assert.equal(err.next, 'ownAppRegistration');
  assert.match(err.message, /needs your own app registration.*partnerCenter\.clientId/);
  assert.equal(entraRefusal(err), undefined, 'not mistaken for an Entra answer');
});
