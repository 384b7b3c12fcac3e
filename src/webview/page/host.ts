// The page's side of the webview channel, for every page (the editor, the Reassignment panel, the
// Health Check Report): VS Code lets a page call acquireVsCodeApi() once, so it is called here;
// send posts a typed message, listen hands on what the host posts (only objects with a string type).

interface VsCodeApi { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void }
declare function acquireVsCodeApi(): VsCodeApi;

export const vscode: VsCodeApi = acquireVsCodeApi();

/** A `send` that posts only this page's messages. */
export function sender<Page extends { type: string }>(): (m: Page) => void {
  return (m) => vscode.postMessage(m);
}

/** Calls `handle` with each message the host posts; anything without a string `type` is ignored. */
export function listen<Host extends { type: string }>(handle: (m: Host) => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const m = event.data;
    if (typeof m !== 'object' || m === null || typeof (m as { type?: unknown }).type !== 'string') return;
    handle(m as Host);
  });
}
