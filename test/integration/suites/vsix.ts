// Smoke journey on the packaged artifact: the VSIX installed with --install-extension into a clean
// code-server, no extension development path. Proves the bundle carries everything it needs.
import { expect, type UiTest, req } from '../runner/harness';
import { updateViaPalette } from './palette';
import { signInFromWelcome, welcomeSignIn } from './steps';

export const vsixSmokeTests: UiTest[] = [
  {
    name: 'VSIX: the installed extension shows its view and welcome',
    needsEmulator: true,
    async run({ wb }) {
      await wb.activityBarItem('Partner Center').waitFor({ timeout: 30_000 });
      await wb.openContainer('Partner Center');
      await welcomeSignIn(wb).waitFor({ timeout: 20_000 });
      const title = await wb.page.title();
      expect(!title.includes('Extension Development Host'), `this workbench runs the extension under development, not the VSIX: ${title}`);
    },
  },
  {
    name: 'VSIX: sign in against the emulator and list customers',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      await signInFromWelcome(ctx, { consent: 'asked' });
      await wb.row('Customers', (await req(ctx.emulator).admin.seed())[0].companyName).waitFor({ timeout: 30_000 });
    },
  },
  {
    name: 'VSIX: a support contact is updated from the palette',
    needsEmulator: true,
    async run(ctx) {
      const customer = (await req(ctx.emulator).admin.seed())[0];
      const sub = customer.subscriptions.find((s) => !s.nce && s.status === 'active');
      expect(sub, 'seed: no active legacy subscription');
      await updateViaPalette(ctx, customer, sub);
    },
  },
];
