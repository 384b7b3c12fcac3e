// The UI journeys, in the order they run against one workbench.
import type { UiTest } from '../runner/harness';
import { editorTests } from './editor';
import { foundationTests } from './foundation';
import { treeTests } from './tree';

export const allUiTests: UiTest[] = [...foundationTests, ...treeTests, ...editorTests];
