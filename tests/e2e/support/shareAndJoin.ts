import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { BatonServe } from './batonServe';

/**
 * The host shares the open plan through `server` (Share dialog: name, token, Connect, wait for
 * synced, copy the invite); the guest opens the app and joins with that invite.
 */
export async function shareAndJoin(server: BatonServe, host: Page, hostName: string, guest: Page, guestName: string): Promise<void> {
  await host.getByRole('button', { name: 'Share plan' }).click();
  const share = host.getByRole('dialog', { name: 'Share plan' });
  await share.getByLabel('Your name').fill(hostName);
  await share.getByLabel('Token').fill(server.token);
  await share.getByRole('button', { name: 'Connect' }).click();
  await expect.poll(() => share.getByText('Status:').textContent()).toContain('synced');
  const invite = await share.getByLabel('Invite code').inputValue();
  await share.getByRole('button', { name: 'Close' }).click();

  await guest.goto(server.url);
  await guest.getByRole('button', { name: 'Join plan' }).click();
  const join = guest.getByRole('dialog', { name: 'Join plan' });
  await join.getByLabel('Invite').fill(invite);
  await join.getByLabel('Your name').fill(guestName);
  await join.getByRole('button', { name: 'Join' }).click();
}
