// `onDidChangeSupportContact`: one event for every support-contact change the extension sends (the
// editor, the palette, Undo, bulk). Both trees and the History and Reassignment views subscribe to
// it, so none of them is told by hand. Plain Node: the shape matches vscode.Event, so a VS Code
// adapter can use it directly.
import type { SupportContact } from '../partnerCenter';

export interface SupportContactChange {
  customerId: string;
  subscriptionId: string;
  /**
   * `changed`: the PUT succeeded. `failed`: it was answered with an error or not at all (it may
   * still have been applied). `foundChanged`: nothing was sent, but the re-read found another
   * contact than the one the user saw (someone else changed it).
   */
  outcome: 'changed' | 'failed' | 'foundChanged';
  /** What Partner Center stores now (changed, foundChanged), or what was asked for (failed). */
  contact: SupportContact | null;
  source: 'single' | 'bulk' | 'undo';
}

export interface Disposable { dispose(): void }
export type Listener<T> = (e: T) => unknown;

export class SupportContactEvents implements Disposable {
  private readonly listeners = new Set<Listener<SupportContactChange>>();

  /** Subscribe; returns the subscription to dispose (vscode.Event's signature). */
  readonly onDidChangeSupportContact = (listener: Listener<SupportContactChange>, thisArgs?: unknown, disposables?: Disposable[]): Disposable => {
    const bound: Listener<SupportContactChange> = (e) => listener.call(thisArgs, e);
    this.listeners.add(bound);
    const subscription = { dispose: () => { this.listeners.delete(bound); } };
    disposables?.push(subscription);
    return subscription;
  };

  /** Tells every listener; a listener that throws does not stop the others or the change. */
  fire(change: SupportContactChange): void {
    for (const listener of [...this.listeners]) {
      try { listener(change); } catch { /* a listener's problem */ }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
