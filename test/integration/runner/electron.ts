// Where a desktop VS Code exists (`code` on PATH or VSCODE_EXECUTABLE), the host checks run there
// through @vscode/test-electron, with the same extensionTestsPath module as in code-server.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TestResult } from './harness';

export function desktopVsCode(): string | undefined {
  if (process.env.VSCODE_EXECUTABLE) return process.env.VSCODE_EXECUTABLE;
  try {
    const found = execFileSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).trim();
    return found && fs.existsSync(found) ? fs.realpathSync(found) : undefined;
  } catch {
    return undefined;
  }
}

export async function runHostChecksInDesktop(executable: string, root: string, env: NodeJS.ProcessEnv, report: (r: TestResult) => void): Promise<void> {
  const started = Date.now();
  const { runTests } = await import('@vscode/test-electron');
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out/test/integration/host/index.js'),
      launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
      extensionTestsEnv: env,
    });
  } catch (err) {
    report({ name: 'host checks (desktop VS Code)', ok: false, error: String(err), ms: Date.now() - started });
  }
}
