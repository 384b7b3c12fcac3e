// undici is loaded on first use rather than at import: the extension's main bundle keeps it in a
// chunk of its own (dist/undici.js, see esbuild.mjs), so activation does not pay for ~500 KB of HTTP
// stack before the first request.
import type * as Undici from 'undici';

let loaded: typeof Undici | undefined;

export function undici(): typeof Undici {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy, see above
  loaded ??= require('undici') as typeof Undici;
  return loaded;
}
