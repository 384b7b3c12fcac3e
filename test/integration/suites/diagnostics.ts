// Diagnostics a partner pastes into a support ticket: copied, pasted into an editor, read back, and
// kept for the runner's token-leak check (test-results/integration/diagnostics.txt).
import fs from 'node:fs';
import path from 'node:path';
import { codeServerVsCodeVersion } from '../runner/codeServer';
import { expect, type UiTest } from '../runner/harness';

export const diagnosticsTests: UiTest[] = [
  {
    name: 'Copy Diagnostics produces a report with versions, cloud and the last errors',
    needsEmulator: true,
    async run({ wb, resultsDir }) {
      await wb.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await wb.runCommand('Partner Center: Copy Diagnostics');
      await wb.notification(/diagnostics copied/i).waitFor({ timeout: 10_000 });
      const report = await wb.page.evaluate(() => navigator.clipboard.readText());
      expect(report.startsWith('# Partner Center extension diagnostics'), `unexpected clipboard content: ${report.slice(0, 200)}`);
      const vscode = await codeServerVsCodeVersion();
      expect(report.includes(`VS Code: ${vscode} `) && /Node v\d+\.\d+/.test(report) && /Cloud: public/.test(report), `the report lacks versions (VS Code ${vscode}) or cloud:\n${report}`);
      expect(/## Last errors/.test(report) && /## Telemetry events/.test(report), `the report lacks errors or telemetry:\n${report}`);
      fs.mkdirSync(path.join(resultsDir, 'integration'), { recursive: true });
      fs.writeFileSync(path.join(resultsDir, 'integration', 'diagnostics.txt'), report);
      await wb.runCommand('Partner Center: Show Log');
      await wb.page.locator('.part.panel').waitFor({ timeout: 10_000 });
      await wb.screenshot('output-channel');
    },
  },
];
