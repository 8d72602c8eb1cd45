import { describe, expect, it } from 'vitest';
import { generatePlan } from '../support/generatePlan';
import { PlanPage } from './support/planPage';
import { useWebAppAndBrowser } from './support/useWebAppAndBrowser';

describe('matrix, board and timeline views', () => {
  const app = useWebAppAndBrowser();

  it('renders the fixture plan in every view; a board drag or arrow key changes status everywhere and undo restores it', async () => {
    const page = await app.openPage();
    const plan = new PlanPage(page);
    await plan.importFixture('realtime-collab.json');
    await expect.poll(() => page.locator('.plan-view__title').textContent()).toBe('Real-time Collaboration System');
    // The plan's health from the engine's roll-up sits beside the title.
    await expect.poll(() => page.locator('.plan-view__header .health').textContent()).toMatch(/^\d+(\.\d)?% · (on track|at risk)$/);

    // Canvas: every node of the plan, the critical path marked.
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(24);
    await expect.poll(() => page.locator('.plan-node--critical').count()).toBeGreaterThan(0);
    expect(await plan.canvasNode('t-monitoring').locator('[data-status]').getAttribute('data-status')).toBe('todo');

    // Matrix (by shortcut): one row per scheduled item, critical flags from the engine.
    await page.keyboard.press('Alt+2');
    await expect.poll(() => page.getByRole('table', { name: 'Dependency matrix' }).getByRole('row').count()).toBe(17);
    await expect.poll(() => plan.matrixRow('Conflict resolution engine').getByRole('cell').nth(3).textContent()).toBe('Yes');
    await expect.poll(() => plan.matrixRow('Monitoring and alerting').getByRole('cell').nth(5).textContent()).toBe('todo');

    // Board: drag "Monitoring and alerting" from To do to Done in its lane.
    await plan.showView('Board');
    const card = plan.boardColumn('Core Infrastructure', 'To do').getByRole('listitem').filter({ hasText: 'Monitoring and alerting' });
    await card.dragTo(plan.boardColumn('Core Infrastructure', 'Done'));
    await expect.poll(() => plan.boardColumn('Core Infrastructure', 'Done').getByText('Monitoring and alerting').count()).toBe(1);
    expect(await plan.boardColumn('Core Infrastructure', 'To do').getByText('Monitoring and alerting').count()).toBe(0);

    // The matrix and the canvas follow.
    await plan.showView('Matrix');
    await expect.poll(() => plan.matrixRow('Monitoring and alerting').getByRole('cell').nth(5).textContent()).toBe('done');
    await plan.showView('Canvas');
    await expect.poll(() => plan.canvasNode('t-monitoring').locator('[data-status]').getAttribute('data-status')).toBe('done');

    // Undo restores it everywhere.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => plan.canvasNode('t-monitoring').locator('[data-status]').getAttribute('data-status')).toBe('todo');
    await plan.showView('Board');
    await expect.poll(() => plan.boardColumn('Core Infrastructure', 'To do').getByText('Monitoring and alerting').count()).toBe(1);

    // The same move by keyboard: the right arrow takes the card one column on, and it keeps the focus.
    const todoCard = plan.boardColumn('Core Infrastructure', 'To do').getByRole('listitem').filter({ hasText: 'Monitoring and alerting' });
    await todoCard.focus();
    await page.keyboard.press('ArrowLeft'); // no column before To do: nothing moves
    await page.keyboard.press('ArrowRight');
    const activeCard = plan.boardColumn('Core Infrastructure', 'Active').getByRole('listitem').filter({ hasText: 'Monitoring and alerting' });
    await expect.poll(() => activeCard.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => plan.boardColumn('Core Infrastructure', 'Blocked').getByText('Monitoring and alerting').count()).toBe(1);
    await plan.showView('Matrix');
    await expect.poll(() => plan.matrixRow('Monitoring and alerting').getByRole('cell').nth(5).textContent()).toBe('blocked');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => plan.matrixRow('Monitoring and alerting').getByRole('cell').nth(5).textContent()).toBe('todo');

    // Timeline: a bar per scheduled item, critical ones marked, a today line (the plan has a start date).
    await plan.showView('Timeline');
    await expect.poll(() => page.locator('.timeline__bar').count()).toBe(16);
    await expect.poll(() => page.locator('.timeline__bar--critical').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Conflict resolution engine (critical)' }).count()).toBe(1);
    expect(await page.locator('.timeline__arrow').count()).toBeGreaterThan(0);
    await page.getByLabel('Group by').selectOption('persona');
    await expect.poll(() => page.locator('.timeline__group').first().textContent()).not.toBe('Core Infrastructure');
    expect(app.browser.errors).toEqual([]);
  });

  it('clicking a matrix row selects the task on the canvas', async () => {
    const page = await app.openPage();
    const plan = new PlanPage(page);
    await plan.openFromList('Real-time Collaboration System');
    await plan.showView('Matrix');
    await plan.matrixRow('REST API extensions').click();
    await expect.poll(() => page.getByRole('tab', { name: 'Canvas' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => plan.canvasNode('t-rest-api').locator('.plan-node--selected').count()).toBe(1);
  });

  it('names a cycle in a banner and selects its edges on request', async () => {
    const page = await app.openPage('#/');
    const cyclic = {
      format: 'baton-plan',
      version: 1,
      title: 'Cyclic plan',
      personas: [],
      nodes: [
        { id: 'a', kind: 'task', title: 'Design API', estimateDays: 2 },
        { id: 'b', kind: 'task', title: 'Build API', estimateDays: 3 },
        { id: 'c', kind: 'task', title: 'Review API', estimateDays: 1 },
      ],
      edges: [
        { id: 'e1', kind: 'dependency', source: 'a', target: 'b' },
        { id: 'e2', kind: 'dependency', source: 'b', target: 'c' },
        { id: 'e3', kind: 'dependency', source: 'c', target: 'a' },
      ],
    };
    const plan = new PlanPage(page);
    await plan.importFile('cyclic.json', Buffer.from(JSON.stringify(cyclic)));
    const banner = page.getByRole('alert').filter({ hasText: 'cycle' });
    await expect.poll(() => banner.textContent()).toContain('Design API → Build API → Review API → Design API');
    await plan.showView('Matrix');
    await expect.poll(() => plan.matrixRow('Build API').getByRole('cell').nth(3).textContent()).toBe('Cycle');
    await banner.getByRole('button', { name: 'Select cycle' }).click();
    await expect.poll(() => page.locator('.react-flow__edge.selected').count()).toBe(3);
    await plan.showView('Timeline');
    await expect.poll(() => page.getByText('No timeline while the dependencies form a cycle.').count()).toBe(1);
  });

  it('refuses a malformed plan file with the bad field named, and stores nothing', async () => {
    const page = await app.openPage('#/');
    const before = await page.locator('.plan-row').count();
    const bad = { format: 'baton-plan', version: 1, title: 'Bad', personas: [], nodes: [{ id: 't', kind: 'task', title: 'T', estimateDays: 'five' }], edges: [] };
    await page.getByLabel('Plan file to import').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('nodes[0].estimateDays: expected a number');
    expect(await page.locator('.plan-row').count()).toBe(before);
  });

  it('shows a 5,000-task plan in every view, rendering only what is on screen', async () => {
    const page = await app.openPage('#/');
    const big = generatePlan({ tasks: 5_000, dependencies: 7_500, workstreams: 50 });
    const plan = new PlanPage(page);
    await plan.importFile('big.json', Buffer.from(JSON.stringify(big)));

    await plan.showView('Matrix');
    await expect.poll(() => page.getByText('5000 of 5000 components').count()).toBe(1);
    const matrixRows = await page.getByRole('table', { name: 'Dependency matrix' }).getByRole('row').count();
    expect(matrixRows).toBeGreaterThan(10);
    expect(matrixRows).toBeLessThan(120);

    await plan.showView('Board');
    await expect.poll(() => page.locator('.board__lane').count()).toBeGreaterThan(0);
    expect(await page.locator('.board__lane').count()).toBeLessThan(20);

    await plan.showView('Timeline');
    await expect.poll(() => page.locator('.timeline__bar').count()).toBeGreaterThan(10);
    expect(await page.locator('.timeline__bar').count()).toBeLessThan(150);
    expect(app.browser.errors).toEqual([]);
  });
});
