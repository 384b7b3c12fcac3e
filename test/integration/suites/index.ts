// The UI journeys, in the lanes and order they run in.
import type { UiTest } from '../runner/harness';
import { bulkTests } from './bulk';
import { diagnosticsTests } from './diagnostics';
import { editorTests } from './editor';
import { foundationTests } from './foundation';
import { healthTests } from './health';
import { healthResumeTests } from './healthResume';
import { journalDamagedTests } from './journalDamaged';
import { looksTests } from './looks';
import { signInRefusedTests } from './signInRefused';
import { treeTests } from './tree';

/**
 * The journeys in two lanes that run side by side, each in its own workbench against its own
 * emulator (the run's journeys wait on the service and the UI far more than they use the CPU: one
 * lane after the other took 17 of CI's 20 minutes). A lane's journeys run in order and may build on
 * each other (`needs`); nothing crosses lanes. The lanes hold about the same minutes of journeys.
 * Diagnostics last in its lane: its report then covers that lane's errors and telemetry.
 */
export const uiLanes: { name: string; tests: UiTest[] }[] = [
  { name: 'ui', tests: [...foundationTests, ...treeTests, ...signInRefusedTests, ...editorTests, ...looksTests, ...healthTests, ...diagnosticsTests] },
  { name: 'ui-bulk', tests: [...bulkTests, ...journalDamagedTests, ...healthResumeTests] },
];
