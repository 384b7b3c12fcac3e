// The UI journeys, in the order they run against one workbench.
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

// Diagnostics last: its report then covers the errors and telemetry of the whole run.
export const allUiTests: UiTest[] = [...foundationTests, ...treeTests, ...signInRefusedTests, ...editorTests, ...looksTests, ...bulkTests, ...journalDamagedTests, ...healthTests, ...healthResumeTests, ...diagnosticsTests];
