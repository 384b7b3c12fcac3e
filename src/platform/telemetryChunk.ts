// Bundled on its own as dist/telemetry.js and loaded by lazyRequire('telemetry') only when a
// telemetry connection string is configured.
export { TelemetryReporter } from '@vscode/extension-telemetry';
