import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PlanPage } from './support/planPage';
import { useWebAppAndBrowser } from './support/useWebAppAndBrowser';

// Expects the plan view to show <Inspector /> beside the views and a "Personas" button in the
// plan header that mounts <PersonasPanel onClose=... /> while open.

const inspectorOf = (page: Page) => page.getByRole('complementary', { name: 'Inspector' });

/** Opens the fixture plan (imported once, then from the list) on the canvas, starting from the plan list on `page`. */
async function openFixture(page: Page, imported: { done: boolean }): Promise<PlanPage> {
  const plan = new PlanPage(page);
  if (imported.done) {
    await plan.openFromList('Real-time Collaboration System');
  } else {
    await plan.importFixture('realtime-collab.json');
    imported.done = true;
  }
  await plan.canvasNode('t-monitoring').waitFor();
  return plan;
}

/** Selects one node by clicking its card's kind label (away from the in-place title editor). */
async function select(plan: PlanPage, id: string): Promise<void> {
  await plan.canvasNode(id).locator('.plan-node__kind').click();
  await plan.canvasNode(id).locator('.plan-node--selected').waitFor();
}

/** Clicks a dependency's line on the canvas at a point no card covers. */
async function clickEdge(page: Page, id: string): Promise<void> {
  const point = await page.locator(`.react-flow__edge[data-id="${id}"] .react-flow__edge-interaction`).evaluate((path: SVGPathElement, edgeId) => {
    const length = path.getTotalLength();
    const ctm = path.getScreenCTM();
    if (!ctm) return null;
    for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9]) {
      const at = path.getPointAtLength(length * t);
      const p = new DOMPoint(at.x, at.y).matrixTransform(ctm);
      const hit = document.elementFromPoint(p.x, p.y)?.closest<SVGElement>('.react-flow__edge');
      if (hit?.dataset.id === edgeId) return { x: p.x, y: p.y };
    }
    return null;
  }, id);
  if (!point) throw new Error(`no visible point of dependency ${id}`);
  await page.mouse.click(point.x, point.y);
}

describe('inspector and personas panels', () => {
  const app = useWebAppAndBrowser();
  const imported = { done: false };

  it('edits a task field by field, refuses a bad value keeping it, and undoes one step per commit', async () => {
    const page = await app.openPage('#/');
    const plan = await openFixture(page, imported);
    const inspector = inspectorOf(page);
    await expect.poll(() => inspector.textContent()).toContain('Select a node');

    await select(plan, 't-monitoring');
    const title = inspector.getByLabel('Title', { exact: true });
    await expect.poll(() => title.inputValue()).toBe('Monitoring and alerting');

    // Selects commit on change, and every view follows.
    await inspector.getByLabel('Owner').selectOption({ label: 'Developer' });
    await expect.poll(() => plan.canvasNode('t-monitoring').locator('.plan-node__owner').textContent()).toBe('Developer');
    await inspector.getByLabel('Status').selectOption('active');
    await expect.poll(() => plan.canvasNode('t-monitoring').locator('[data-status]').getAttribute('data-status')).toBe('active');
    await expect.poll(() => inspector.locator('.facts__row', { hasText: 'Started' }).locator('dd').textContent()).not.toBe('—');

    // A refused estimate: the error is announced and the typed value stays for fixing.
    const estimate = inspector.getByLabel('Estimate (days)');
    await estimate.fill('-1');
    await estimate.press('Enter');
    await expect.poll(() => inspector.getByRole('alert').textContent()).toContain('expected an estimate of at least 0 days');
    expect(await estimate.inputValue()).toBe('-1');
    await estimate.fill('4.5');
    await estimate.press('Enter');
    await expect.poll(() => inspector.getByRole('alert').count()).toBe(0);
    expect(await estimate.inputValue()).toBe('4.5');

    // An empty title is refused; Escape brings the stored one back.
    await title.fill('');
    await title.press('Enter');
    await expect.poll(() => inspector.getByRole('alert').textContent()).toContain('expected a non-empty title');
    expect(await title.inputValue()).toBe('');
    await title.press('Escape');
    await expect.poll(() => title.inputValue()).toBe('Monitoring and alerting');
    await expect.poll(() => inspector.getByRole('alert').count()).toBe(0);

    // A title committed on blur (by clicking elsewhere in the panel) is one undo step.
    await title.fill('Monitoring, alerting and dashboards');
    await inspector.getByLabel('Description').click();
    await expect.poll(() => plan.canvasNode('t-monitoring').locator('.plan-node__title').textContent()).toBe('Monitoring, alerting and dashboards');
    await page.getByRole('button', { name: 'Undo' }).click();
    // The field shows the change it did not make itself (the undo) at once.
    await expect.poll(() => title.inputValue()).toBe('Monitoring and alerting');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => estimate.inputValue()).toBe('2');

    // Computed facts of a blocked, critical task.
    await select(plan, 't-conflict-engine');
    const schedule = inspector.getByRole('region', { name: 'Schedule' });
    await expect.poll(() => schedule.locator('.facts__row', { hasText: 'Critical' }).locator('dd').textContent()).toBe('Yes');
    expect(await schedule.locator('.facts__row', { hasText: 'Blocked by' }).locator('dd').textContent()).toBe('Conflict resolution data model');
    expect(await schedule.locator('.facts__row', { hasText: 'Slack' }).locator('dd').textContent()).toBe('0 days');

    // An edit still being typed when the view switches (Alt+2) is kept, not lost.
    await select(plan, 't-monitoring');
    await title.fill('Monitoring and alerting v2');
    await page.keyboard.press('Alt+2');
    await expect.poll(() => plan.matrixRow('Monitoring and alerting v2').count()).toBe(1);
    await plan.showView('Canvas');
    await expect.poll(() => title.inputValue()).toBe('Monitoring and alerting v2');
    expect(app.browser.errors).toEqual([]);
  });

  it('completes, adds and removes handoffs of a task', async () => {
    const page = await app.openPage('#/');
    const plan = await openFixture(page, imported);
    const inspector = inspectorOf(page);
    await select(plan, 't-realtime-ui');
    const handoffs = inspector.getByRole('region', { name: 'Handoffs' });
    const items = handoffs.getByRole('listitem');
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('Designer → Developer');
    await items.first().getByRole('button', { name: 'Complete' }).click();
    await expect.poll(() => items.first().locator('.badge').textContent()).toBe('completed');
    expect(await items.first().getByRole('button', { name: 'Complete' }).count()).toBe(0);

    // Without a receiver the form explains itself and adds nothing.
    const form = handoffs.getByRole('form', { name: 'New handoff' });
    await form.getByRole('button', { name: 'Add handoff' }).click();
    await expect.poll(() => handoffs.getByRole('alert').textContent()).toContain('Choose who');
    // The task's owner hands over by default.
    expect(await form.getByLabel('From').inputValue()).toBe('dev');
    await form.getByLabel('To').selectOption({ label: 'QA Engineer' });
    await form.getByLabel('Reason').fill('Ready for load testing');
    await form.getByLabel('Due').fill('2025-03-20');
    await form.getByRole('button', { name: 'Add handoff' }).click();
    await expect.poll(() => items.count()).toBe(2);
    const added = items.filter({ hasText: 'Ready for load testing' });
    expect(await added.textContent()).toContain('Developer → QA Engineer');
    expect(await form.getByLabel('Reason').inputValue()).toBe('');

    await added.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => items.count()).toBe(1);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => items.count()).toBe(2);
    expect(app.browser.errors).toEqual([]);
  });

  it('edits a milestone checklist, a risk, a dependency, and deletes a multiple selection in one step', async () => {
    const page = await app.openPage('#/');
    const plan = await openFixture(page, imported);
    const inspector = inspectorOf(page);

    await select(plan, 'm-api-checkpoint');
    const criteria = inspector.getByRole('group', { name: /Criteria/ });
    await criteria.getByRole('checkbox', { name: 'Integration test environment available' }).check();
    await expect.poll(() => criteria.locator('legend').textContent()).toContain('2/3');
    await criteria.getByLabel('New criterion').fill('Staging data loaded');
    await criteria.getByLabel('New criterion').press('Enter');
    await expect.poll(() => criteria.getByRole('checkbox').count()).toBe(4);
    await criteria.getByRole('button', { name: 'Remove Mock data generators ready' }).click();
    await expect.poll(() => criteria.getByRole('checkbox').count()).toBe(3);
    expect(await criteria.getByLabel('New criterion').inputValue()).toBe('');
    await inspector.getByLabel('Due').fill('2025-03-18');
    await inspector.getByLabel('Due').press('Enter');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => inspector.getByLabel('Due').inputValue()).toBe('2025-03-17');

    await select(plan, 'r-data-model');
    await inspector.getByLabel('Probability').selectOption('high');
    await inspector.getByLabel('State').selectOption('closed');
    await expect.poll(() => inspector.getByLabel('State').inputValue()).toBe('closed');
    expect(await inspector.getByLabel('Probability').inputValue()).toBe('high');

    // A dependency: its ends, its type, removing it.
    await page.locator('.react-flow__controls-fitview').click();
    // Clear the selection on an empty spot of the canvas first: only the dependency is picked then.
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await expect.poll(() => inspector.textContent()).toContain('Select a node');
    await clickEdge(page, 'e-05');
    await expect.poll(() => inspector.getByRole('heading', { level: 2 }).textContent()).toBe('Conflict resolution data model → Conflict resolution engine');
    expect(await inspector.getByLabel('Type').inputValue()).toBe('data');
    await inspector.getByLabel('Type').selectOption('technical');
    await inspector.getByLabel('Note').fill('Engine reads the merge rules');
    await inspector.getByLabel('Note').press('Control+Enter');
    await expect.poll(() => inspector.getByLabel('Type').inputValue()).toBe('technical');
    await inspector.getByRole('button', { name: 'Remove dependency' }).click();
    await expect.poll(() => page.locator('.react-flow__edge[data-id="e-05"]').count()).toBe(0);
    await expect.poll(() => inspector.textContent()).toContain('Select a node');

    // The same by keyboard, on any plan size: a node's dependencies are buttons in its inspector.
    await select(plan, 't-conflict-engine');
    const dependencies = inspector.getByRole('region', { name: 'Dependencies' });
    expect(await dependencies.getByRole('list', { name: 'Depends on Conflict resolution engine' }).count()).toBe(0); // e-05 is gone
    await expect.poll(() => dependencies.getByRole('list', { name: 'Blocks Conflict resolution engine' }).getByRole('button').allTextContents()).toEqual(['Conflict resolution UI', 'Load testing scenarios']);
    await dependencies.getByRole('button', { name: 'Select dependency Conflict resolution engine → Load testing scenarios' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => inspector.getByRole('heading', { level: 2 }).textContent()).toBe('Conflict resolution engine → Load testing scenarios');
    await expect.poll(() => page.locator('.react-flow__edge.selected[data-id="e-10"]').count()).toBe(1);

    // Two tasks at once: a count and one delete, undone in one step.
    await select(plan, 't-user-testing');
    await plan.canvasNode('t-load-testing').locator('.plan-node__kind').click({ modifiers: ['Shift'] });
    await expect.poll(() => inspector.getByRole('heading', { level: 2 }).textContent()).toBe('2 nodes selected');
    await inspector.getByRole('button', { name: 'Delete selected' }).click();
    await expect.poll(() => plan.canvasNode('t-user-testing').count()).toBe(0);
    expect(await plan.canvasNode('t-load-testing').count()).toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => plan.canvasNode('t-user-testing').count()).toBe(1);
    expect(await plan.canvasNode('t-load-testing').count()).toBe(1);
    expect(app.browser.errors).toEqual([]);
  });

  it('adds, edits and removes personas in the personas dialog', async () => {
    const page = await app.openPage('#/');
    const plan = await openFixture(page, imported);
    await page.getByRole('button', { name: 'Personas', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Personas' });
    await dialog.waitFor();
    await expect.poll(() => dialog.getByRole('group').count()).toBe(6);

    // A refused persona keeps what was typed.
    await dialog.getByRole('button', { name: 'Add persona' }).click();
    const form = dialog.getByRole('form', { name: 'New persona' });
    await form.getByLabel('Role').fill('Threat modelling');
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('expected a non-empty name');
    expect(await form.getByLabel('Role').inputValue()).toBe('Threat modelling');
    await form.getByLabel('Name').fill('Security Reviewer');
    await form.getByLabel('Kind').selectOption('agent');
    await form.getByLabel('Capacity (days/week)').fill('2');
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    const reviewer = dialog.getByRole('group', { name: 'Security Reviewer' });
    await expect.poll(() => reviewer.getByLabel('Role').inputValue()).toBe('Threat modelling');
    expect(await reviewer.getByLabel('Kind').inputValue()).toBe('agent');
    expect(await reviewer.getByLabel('Capacity (days/week)').inputValue()).toBe('2');

    // Inline edits: a capacity beyond a week is refused and kept; a colour is one commit.
    const qa = dialog.getByRole('group', { name: 'QA Engineer' });
    const capacity = qa.getByLabel('Capacity (days/week)');
    await capacity.fill('9');
    await capacity.press('Enter');
    await expect.poll(() => qa.getByRole('alert').textContent()).toContain('at most 7 days per week');
    expect(await capacity.inputValue()).toBe('9');
    await capacity.fill('3');
    await capacity.press('Enter');
    await expect.poll(() => qa.getByRole('alert').count()).toBe(0);
    await qa.getByLabel('Colour').fill('#0f766e');
    await expect.poll(() => qa.getAttribute('style')).toContain('rgb(15, 118, 110)');
    await qa.getByLabel('Name').fill('QA Lead');
    await qa.getByLabel('Name').press('Enter');
    await expect.poll(() => dialog.getByRole('group', { name: 'QA Lead' }).count()).toBe(1);

    // Removing asks first and says what it touches.
    await dialog.getByRole('button', { name: 'Remove Designer' }).click();
    const confirm = dialog.getByRole('group', { name: 'Remove Designer?' });
    expect(await confirm.textContent()).toContain('handoff');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog.getByRole('group', { name: 'Designer' }).count()).toBe(1);
    await dialog.getByRole('button', { name: 'Remove Designer' }).click();
    await dialog.getByRole('group', { name: 'Remove Designer?' }).getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => dialog.getByRole('group', { name: 'Designer', exact: true }).count()).toBe(0);

    // Escape closes the dialog; the designer's task is unassigned now.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog', { name: 'Personas' }).count()).toBe(0);
    await select(plan, 't-conflict-ui');
    await expect.poll(() => inspectorOf(page).getByLabel('Owner').inputValue()).toBe('');
    expect(app.browser.errors).toEqual([]);
  });
});
