// Starts the Partner Center emulator in-process for the integration run (when it is built), and
// gives tests its admin API (the emulator's own EmulatorAdmin).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EmulatorOptions, RunningEmulator } from '../../emulator/index';
import type { EmulatorHandle } from './harness';

/** The data the run's emulator is seeded with (journeys name their fixtures from it: suites/fixtures.ts). */
export const TEST_EMULATOR_DATA = { seed: 7, customers: 120 } as const;

export interface TestEmulator extends EmulatorHandle {
  caFile: string;
  close(): Promise<void>;
}

interface EmulatorModule {
  startEmulator(o: EmulatorOptions): Promise<RunningEmulator>;
}

export async function startTestEmulator(log: (line: string) => void): Promise<TestEmulator | undefined> {
  const modulePath = path.resolve(__dirname, '../../emulator/index.js');
  if (!fs.existsSync(modulePath)) {
    log('emulator not built: UI tests that need it are skipped');
    return undefined;
  }
  const mod = (await import(modulePath)) as EmulatorModule;
  const running = await mod.startEmulator({ port: 0, authPort: 0, ...TEST_EMULATOR_DATA, autoApproveDeviceCode: true, throttlePerMinute: 6000 });
  const caFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pc-ca-')), 'emulator-ca.pem');
  fs.writeFileSync(caFile, running.caCertPem);
  log(`emulator at ${running.url}, authority ${running.authority}`);
  return {
    url: running.url,
    authority: running.authority,
    caFile,
    admin: running.admin,
    close: () => running.close(),
  };
}
