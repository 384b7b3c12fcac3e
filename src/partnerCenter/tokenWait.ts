// Waiting for a sign-in token, whoever hands it out (VS Code's authentication provider, msal-node):
// the wait ends at the deadline or on Cancel, even when the provider never answers.

import * as l10n from '@vscode/l10n';
import { PartnerCenterError } from './errors';
import { cancelledError } from './throttle';

/** How long a silent token request may take: a cached token is instant, a refresh a few seconds. */
export const TOKEN_DEADLINE_MS = 30_000;

export interface TokenWaitOptions {
  /** The user's Cancel. */
  signal?: AbortSignal;
  /** Default TOKEN_DEADLINE_MS. */
  deadlineMs?: number;
}

/** The error of a provider that did not answer in time: the next step is a new sign-in. */
export function signInStalledError(deadlineMs: number): PartnerCenterError {
  const seconds = Math.round(deadlineMs / 100) / 10;
  return new PartnerCenterError('auth', l10n.t('The sign-in did not hand out a Partner Center token within {0} s, so nothing was sent. Sign in again.', seconds), { signInStalled: true });
}

/**
 * Runs `get` with a signal that aborts at the deadline or on the user's Cancel, and settles then
 * whether or not `get` does: a hung provider costs at most the deadline.
 */
export function waitForToken<T>(get: (signal: AbortSignal) => PromiseLike<T>, options: TokenWaitOptions = {}): Promise<T> {
  const { signal } = options;
  const deadlineMs = options.deadlineMs ?? TOKEN_DEADLINE_MS;
  if (signal?.aborted) return Promise.reject(cancelledError());
  const stop = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const end = (): void => { clearTimeout(timer); signal?.removeEventListener('abort', onAbort); };
    const fail = (err: PartnerCenterError): void => { end(); stop.abort(err); reject(err); };
    const onAbort = (): void => fail(cancelledError());
    const timer = setTimeout(() => fail(signInStalledError(deadlineMs)), deadlineMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    Promise.resolve().then(() => get(stop.signal)).then(
      (value) => { end(); resolve(value); },
      (err: unknown) => { end(); reject(err); },
    );
  });
}
