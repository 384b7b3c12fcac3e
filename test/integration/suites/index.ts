// The UI journeys, in the order they run against one workbench.
import type { UiTest } from '../runner/harness';
import { foundationTests } from './foundation';

export const allUiTests: UiTest[] = [...foundationTests];
