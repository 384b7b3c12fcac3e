// extensionTestsPath module: runs inside the extension host of a real VS Code (code-server in test
// mode, or desktop VS Code through @vscode/test-electron). The host's console is not forwarded to
// the runner, so each check's result is appended to $PC_TEST_OUT/host-results.jsonl.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { hostChecks } from './checks';

function record(entry: { name: string; ok: boolean; error?: string; ms: number }): void {
  const dir = process.env.PC_TEST_OUT;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  fs.appendFileSync(path.join(dir, 'host-results.jsonl'), JSON.stringify(entry) + '\n');
}

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const check of hostChecks) {
    const started = Date.now();
    try {
      await check.run(vscode);
      record({ name: check.name, ok: true, ms: Date.now() - started });
    } catch (err) {
      const error = err instanceof Error ? err.stack ?? err.message : String(err);
      failures.push(check.name);
      record({ name: check.name, ok: false, error, ms: Date.now() - started });
    }
  }
  if (failures.length) throw new Error(`Host checks failed: ${failures.join(', ')}`);
}
