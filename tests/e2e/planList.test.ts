import { describe, expect, it } from 'vitest';
import { createPlan } from './support/planPage';
import { useWebAppAndBrowser } from './support/useWebAppAndBrowser';

describe('plan list in web mode', () => {
  const app = useWebAppAndBrowser();

  it('creates a plan, renames it, and finds it again after a reload, with no console errors', async () => {
    const page = await app.openPage();
    await createPlan(page, 'Real-time Collaboration System');

    // Creating opens the plan: its title and an (empty) React Flow canvas.
    await expect.poll(() => page.locator('.plan-view__title').textContent()).toBe('Real-time Collaboration System');
    await page.locator('.react-flow__pane').waitFor();

    await page.getByRole('button', { name: 'Back to plans' }).click();
    await page.getByRole('button', { name: 'Rename Real-time Collaboration System' }).click();
    await page.getByLabel('New title for Real-time Collaboration System').fill('Live Collaboration');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Live Collaboration' }).waitFor();

    await page.reload();
    await page.getByRole('link', { name: 'Live Collaboration' }).click();
    await expect.poll(() => page.locator('.plan-view__title').textContent()).toBe('Live Collaboration');

    // The open plan survives a reload too (the route is in the URL).
    await page.reload();
    await expect.poll(() => page.locator('.plan-view__title').textContent()).toBe('Live Collaboration');
    expect(app.browser.errors).toEqual([]);
  });

  it('deletes a plan only after confirmation', async () => {
    const page = await app.openPage();
    await createPlan(page, 'Throwaway');
    await page.locator('.plan-view__title').waitFor();
    await page.getByRole('button', { name: 'Back to plans' }).click();

    await page.getByRole('button', { name: 'Delete Throwaway' }).click();
    await page.getByRole('button', { name: 'Keep' }).click();
    await expect(page.getByRole('link', { name: 'Throwaway' }).count()).resolves.toBe(1);

    await page.getByRole('button', { name: 'Delete Throwaway' }).click();
    await page.getByRole('button', { name: 'Delete plan' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Throwaway' }).count()).toBe(0);
    await page.reload();
    await page.getByRole('link', { name: 'Live Collaboration' }).waitFor();
    expect(await page.getByRole('link', { name: 'Throwaway' }).count()).toBe(0);
    expect(app.browser.errors).toEqual([]);
  });

  it('refuses an empty title and says why', async () => {
    const page = await app.openPage();
    await createPlan(page, '   ');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('title: expected a non-empty title');
  });
});
