// CLI: node out/test/emulator/cli.js --port 0 [--auth-port 0] [--customers N] [--seed S] [--static-token T]
//   [--bom] [--throttle-per-minute R] [--throttle-burst B] [--latency-ms L] [--latency-jitter-ms J] [--auto-approve]
import { EmulatorOptions, startEmulator } from './index';

const NUMBER_FLAGS: Record<string, keyof EmulatorOptions> = {
  '--port': 'port', '--auth-port': 'authPort', '--customers': 'customers', '--seed': 'seed',
  '--throttle-per-minute': 'throttlePerMinute', '--throttle-burst': 'throttleBurst',
  '--latency-ms': 'latencyMs', '--latency-jitter-ms': 'latencyJitterMs',
};
const BOOLEAN_FLAGS: Record<string, keyof EmulatorOptions> = { '--bom': 'bom', '--auto-approve': 'autoApproveDeviceCode' };

export function parseArgs(argv: readonly string[]): EmulatorOptions {
  const options: Record<string, number | string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag in BOOLEAN_FLAGS) options[BOOLEAN_FLAGS[flag]] = true;
    else if (flag === '--static-token') options.staticToken = value();
    else if (flag in NUMBER_FLAGS) {
      const text = value();
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a non-negative number, got '${text}'`);
      options[NUMBER_FLAGS[flag]] = n;
    } else throw new Error(`unknown option ${argv[i]}`);
  }
  return options as EmulatorOptions;
}

async function main(): Promise<void> {
  let options: EmulatorOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    process.exitCode = 2;
    return;
  }
  const emulator = await startEmulator(options);
  console.log(`Partner Center emulator listening on ${emulator.url}`);
  console.log(`Sign-in authority: ${emulator.authority}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
