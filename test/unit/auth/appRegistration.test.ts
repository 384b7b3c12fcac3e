import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientIdProblem, registrationSteps, tenantProblem } from '../../../src/auth/appRegistration';

test('own app registration: a client ID must be a GUID (or empty), a tenant a directory ID or a domain', () => {
  assert.equal(clientIdProblem(' 11111111-2222-4333-8444-555555555555 '), undefined);
  assert.equal(clientIdProblem(''), undefined, 'empty: back to VS Code\'s own app registration');
  for (const bad of ['my-app', '11111111-2222-4333-8444-55555555555', '{11111111-2222-4333-8444-555555555555}']) assert.ok(clientIdProblem(bad), bad);
  for (const ok of ['contoso.onmicrosoft.com', 'partner.example', '11111111-2222-4333-8444-555555555555']) assert.equal(tenantProblem(ok), undefined, ok);
  for (const bad of ['', 'contoso', 'https://contoso.com', 'a b.com', 'contoso..com']) assert.ok(tenantProblem(bad), bad);
});

test('the steps name what to register and where: public client, redirect URIs, user_impersonation, admin consent', () => {
  const steps = registrationSteps();
  for (const part of ['Entra admin center', 'App management', 'public client', 'http://localhost', 'https://vscode.dev/redirect', 'user_impersonation', 'fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd', 'admin consent']) {
    assert.ok(steps.includes(part), part);
  }
});
