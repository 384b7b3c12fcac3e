// The Reassignment panel's webview (a SnapshotPanel: the editor's CSP, nonce and message rules). It
// holds no state of the run: on every `ready` it asks for a snapshot, so closing it never stops a
// run and reopening shows the live state.
import type * as vscode from 'vscode';
import { reassignStringTable } from './reassignStringTable';
import { parseReassignMessage } from './reassignValidate';
import { SnapshotPanel } from './snapshotPanel';
import { REASSIGN_VIEW_TYPE, type InitMessage, type ReassignHostMessage, type ReassignPageMessage } from './shared/reassignProtocol';
import { REASSIGN_STRING_KEYS } from './shared/reassignStrings';

export interface ReassignPanelOwner {
  /** Everything the page shows now. */
  snapshot(): InitMessage;
  /** A valid message from the page (never `ready`: the panel answers it with the snapshot). */
  handle(message: ReassignPageMessage): void;
  rowCount(): number;
}

export class ReassignPanel extends SnapshotPanel<ReassignHostMessage, ReassignPageMessage> {
  constructor(extensionUri: vscode.Uri, owner: ReassignPanelOwner) {
    super(extensionUri, {
      viewType: REASSIGN_VIEW_TYPE, page: 'reassign', name: 'Reassignment panel', keys: REASSIGN_STRING_KEYS,
      strings: reassignStringTable, parse: (raw) => parseReassignMessage(raw, owner.rowCount()),
      snapshot: () => owner.snapshot(), handle: (m) => owner.handle(m),
    });
  }
}
