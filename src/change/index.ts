// The support-contact change path (plain Node): the one operation, Undo on top of it, and the
// `onDidChangeSupportContact` event every view listens to.
import type { ChangeLog } from '../history/changeLog';
import type { SupportContactEvents } from './events';

export { changeErrorOf, changeSupportContact } from './changeSupportContact';
export type { ChangeClient, ChangeOptions, ChangeOutcome, ChangeRequest, ChangeTarget, ClientRunner } from './changeSupportContact';
export { SupportContactEvents } from './events';
export type { SupportContactChange } from './events';
export { undoChange } from './undo';
export type { UndoResult } from './undo';

/** What every change needs from the extension: where History is written and whom to tell. */
export interface ChangeServices { changeLog: ChangeLog; events: SupportContactEvents }
