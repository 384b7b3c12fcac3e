// The shape of a UI test: a name and a journey run against one shared workbench, in order.
import type { EmulatorAdmin } from '../../emulator/index';
import type { Workbench } from './workbench';

export interface EmulatorHandle {
  url: string;
  authority: string;
  /** The emulator's admin API (/_emulator/...). */
  admin: EmulatorAdmin;
}

export interface UiContext {
  wb: Workbench;
  emulator: EmulatorHandle | undefined;
  resultsDir: string;
  /** The workbench's user-data dir (its global storage holds the extension's bulk journals). */
  userDataDir: string;
  /** Writes a line to the runner log (test-results/integration/runner.log). */
  log(line: string): void;
}

export interface UiTest {
  name: string;
  /** Needs the emulator: skipped with a reason when it is not available. */
  needsEmulator?: boolean;
  run(ctx: UiContext): Promise<void>;
}

export interface TestResult {
  name: string;
  ok: boolean;
  skipped?: string;
  error?: string;
  ms: number;
  screenshot?: string;
}

/** The emulator, for a journey that needs it (`needsEmulator`: the runner skips it when there is none). */
export function req(e: EmulatorHandle | undefined): EmulatorHandle {
  if (!e) throw new Error('this journey needs the emulator');
  return e;
}

export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
