import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shareAndJoin } from './support/shareAndJoin';
import { exportPreview, useServeAndTwoBrowsers } from './support/useServeAndTwoBrowsers';

const taskTitles = (page: Page) => page.locator('.plan-node--task .plan-node__title').allTextContents().then((t) => t.sort());

/** The plan as interchange JSON, read from the Export dialog's preview. */
const planJson = (page: Page) => exportPreview(page, 'json');

async function addTask(page: Page, title: string): Promise<void> {
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('t');
  const editor = page.locator('.react-flow__node input[aria-label="Title"]');
  await editor.fill(title);
  await editor.press('Enter');
  await editor.waitFor({ state: 'detached' });
}

describe('two teammates on one baton serve', () => {
  const team = useServeAndTwoBrowsers();

  it('share, join, live edits both ways, offline edits merge, presence shows the other', async () => {
    const { server, alice, bob } = team;
    const a = await alice.newPage();
    await a.goto(server.url);
    await a.getByLabel('New plan').fill('Shared launch plan');
    await a.getByRole('button', { name: 'Create plan' }).click();
    await a.locator('.react-flow__pane').waitFor();
    await addTask(a, 'Write the runbook');

    // Alice shares the plan through the server she runs; Bob joins with the invite (address and token).
    const b = await bob.newPage();
    await shareAndJoin(server, a, 'Alice', b, 'Bob');
    await expect.poll(() => b.locator('.plan-view__title').textContent()).toBe('Shared launch plan');
    await expect.poll(() => taskTitles(b)).toEqual(['Write the runbook']);

    // Presence: each sees the other.
    await expect.poll(() => a.getByRole('list', { name: 'Teammates in this plan' }).textContent()).toContain('Bob');
    await expect.poll(() => b.getByRole('list', { name: 'Teammates in this plan' }).textContent()).toContain('Alice');

    // Live: an edit on one side shows on the other within a second.
    await addTask(b, 'Load test');
    await expect.poll(() => taskTitles(a), { timeout: 1_000 }).toEqual(['Load test', 'Write the runbook']);
    await addTask(a, 'Release notes');
    await expect.poll(() => taskTitles(b), { timeout: 1_000 }).toEqual(['Load test', 'Release notes', 'Write the runbook']);

    // Both go offline and edit: different tasks, and the same task's description.
    await Promise.all([alice.context.setOffline(true), bob.context.setOffline(true)]);
    await expect.poll(() => a.getByRole('button', { name: /^Sync: / }).textContent()).toBe('Offline');
    await expect.poll(() => b.getByRole('button', { name: /^Sync: / }).textContent()).toBe('Offline');
    await addTask(a, 'Alice offline task');
    await addTask(b, 'Bob offline task');
    for (const [page, words] of [[a, 'Alice wrote this.'], [b, 'Bob wrote that.']] as const) {
      await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+f');
      await page.getByRole('searchbox', { name: 'Find on canvas' }).fill('Write the runbook');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      const description = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Description');
      await description.click();
      await description.press('End');
      await description.pressSequentially(` ${words}`);
      await description.press('Control+Enter');
    }
    expect(await taskTitles(a)).not.toContain('Bob offline task');

    // Back online: both edits kept on both sides, and the replicas are identical.
    await Promise.all([alice.context.setOffline(false), bob.context.setOffline(false)]);
    const all = ['Alice offline task', 'Bob offline task', 'Load test', 'Release notes', 'Write the runbook'];
    await expect.poll(() => taskTitles(a), { timeout: 10_000 }).toEqual(all);
    await expect.poll(() => taskTitles(b), { timeout: 10_000 }).toEqual(all);
    const [ja, jb] = [await planJson(a), await planJson(b)];
    expect(ja).toContain('Alice wrote this.');
    expect(ja).toContain('Bob wrote that.');
    expect(jb).toBe(ja);
    expect(alice.errors.filter((e) => !/WebSocket|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
    expect(bob.errors.filter((e) => !/WebSocket|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
  });

  it('refuses a wrong token: the plan stays local and says not authorized', async () => {
    const { server, alice } = team;
    await alice.context.setOffline(false);
    const page = await alice.newPage();
    await page.goto(server.url);
    await page.getByLabel('New plan').fill('Private plan');
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.getByRole('button', { name: 'Share plan' }).click();
    const share = page.getByRole('dialog', { name: 'Share plan' });
    await share.getByLabel('Token').fill('not-the-right-token');
    await share.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => share.getByText('Status:').textContent()).toContain('not authorized');
  });
});
