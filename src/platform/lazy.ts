// Loads a separately bundled chunk (dist/<name>.js) on first use, so heavy code such as msal-node or
// the telemetry library stays out of the main bundle's start-up path. esbuild leaves this require
// alone because its argument is not a literal.
export function lazyRequire<T>(chunk: 'telemetry' | 'deviceCode'): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path, deliberately not bundled
  return require(`${__dirname}/${chunk}.js`) as T;
}
