// The shape of a UI test: a name and a journey run against its lane's workbench, in order.
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
  /**
   * Names of the journeys whose outcome this one works on (e.g. Undo needs a bulk run): when
   * PC_TEST_ONLY picks this journey, the runner runs those first (in suite order).
   */
  needs?: string[];
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

/** The tests `only` picks, plus the ones they need (transitively), in the order of `all`. */
export function withNeeds(all: UiTest[], only: RegExp | undefined): UiTest[] {
  if (!only) return all;
  const byName = new Map(all.map((t) => [t.name, t]));
  const picked = new Set<UiTest>();
  const add = (t: UiTest): void => {
    if (picked.has(t)) return;
    picked.add(t);
    for (const name of t.needs ?? []) {
      const needed = byName.get(name);
      if (!needed) throw new Error(`"${t.name}" needs "${name}", which is not a journey`);
      add(needed);
    }
  };
  for (const t of all) if (only.test(t.name)) add(t);
  return all.filter((t) => picked.has(t));
}

/** The emulator, for a journey that needs it (`needsEmulator`: the runner skips it when there is none). */
export function req(e: EmulatorHandle | undefined): EmulatorHandle {
  if (!e) throw new Error('this journey needs the emulator');
  return e;
}

export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
