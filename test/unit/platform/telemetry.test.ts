import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sanitize } from '../../../src/platform/telemetry';

test('telemetry keeps only allow-listed identifier properties', () => {
  const props = sanitize({ command: 'signIn', result: 'failed', errorKind: 'throttled' });
  assert.deepEqual(props, { command: 'signIn', result: 'failed', errorKind: 'throttled' });
});

test('telemetry drops customer names, tenant ids and tokens', () => {
  const hostile = {
    command: 'Contoso <b>Ltd</b>',
    errorKind: 'eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ4In0.',
    cloud: 'public',
    tenantId: '3b7c1e9a-2f1d-4c55-9a0e-5c0f2b1d9e11',
    customerName: 'Contoso',
  } as unknown as Parameters<typeof sanitize>[0];
  const props = sanitize(hostile);
  assert.deepEqual(props, { cloud: 'public' });
});
