// The shape of a UI test: a name and a journey run against one shared workbench, in order.
import type { Workbench } from './workbench';

export interface EmulatorHandle {
  url: string;
  authority: string;
  /** GET/POST on the emulator's admin API (/_emulator/...). */
  admin<T = unknown>(method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown): Promise<T>;
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

export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
