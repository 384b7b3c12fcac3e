// The palette's keyboard path for one change, shared by the tree journey and the VSIX smoke test.
import { expect, type UiContext, req } from '../runner/harness';
import type { SeedCustomer, SeedSubscription } from '../../emulator/index';

/** Update Support Contact… for `sub` of `customer` to the first active reseller that is not its current one. */
export async function updateViaPalette(ctx: UiContext, customer: SeedCustomer, sub: SeedSubscription, opts: { beforeSubscription?: () => Promise<void> } = {}): Promise<string> {
  const { wb } = ctx;
  const e = req(ctx.emulator);
  const all = await e.admin.resellers();
  const reseller = all.find((r) => r.state === 'Active' && r.id.toLowerCase() !== sub.supportContact?.supportTenantId.toLowerCase()) ?? all[0];
  await wb.runCommand('Partner Center: Update Support Contact…');
  await wb.quickInput().locator('input.input').waitFor();
  await wb.page.keyboard.type(customer.companyName.slice(0, 12));
  const customerItem = wb.quickPickRow(customer.companyName);
  await customerItem.waitFor({ timeout: 15_000 });
  await customerItem.click();
  await wb.quickPickRow(sub.friendlyName).waitFor({ timeout: 15_000 });
  await opts.beforeSubscription?.();
  await wb.quickInput().locator('input.input').fill(sub.id.slice(0, 8));
  await wb.quickPickRow(sub.friendlyName).click();
  const resellerItem = wb.quickPickRow(reseller.name);
  await resellerItem.waitFor({ timeout: 15_000 });
  await resellerItem.click();
  const dialog = wb.dialog();
  await dialog.waitFor({ timeout: 10_000 });
  const dialogText = (await dialog.innerText()).replace(/\s+/g, ' ');
  // No reseller designated: the service names the indirect provider itself.
  const old = sub.supportContact ? sub.supportContact.name : 'you (the indirect provider)';
  expect(dialogText.includes(old) && dialogText.includes(reseller.name), `the confirmation does not show old → new: ${dialogText}`);
  await wb.screenshot('palette-confirm');
  await wb.clickDialogButton(/^Update$/);
  await wb.notification(new RegExp(`is now ${reseller.name}`)).waitFor({ timeout: 20_000 });
  const saved = await e.admin.contactOf(customer.id, sub.id);
  expect(saved && saved.supportTenantId.toLowerCase() === reseller.id.toLowerCase() && saved.name === reseller.name,
    `the emulator does not have the new contact: ${JSON.stringify(saved)}`);
  return reseller.name;
}
