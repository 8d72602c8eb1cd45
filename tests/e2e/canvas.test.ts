import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createPlan, nodeTitled as node, typeTitle } from './support/planPage';
import { useWebAppAndBrowser } from './support/useWebAppAndBrowser';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/realtime-collab.json');

/** Drags from one card's right (source) handle to another card's left (target) handle, by mouse. */
async function connect(page: Page, from: string, to: string): Promise<void> {
  const source = await node(page, from).locator('.react-flow__handle.source').boundingBox();
  const target = await node(page, to).locator('.react-flow__handle.target').boundingBox();
  if (!source || !target) throw new Error(`handles of ${from} or ${to} not visible`);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 8 });
  await page.mouse.up();
}

describe('the canvas, by mouse and keyboard', () => {
  const app = useWebAppAndBrowser();

  it('sketches a workstream with connected tasks, sets owners and estimates in the inspector, refuses a cycle, undoes and redoes, and keeps it all after a reload', async () => {
    const page = await app.openPage();
    await createPlan(page, 'Canvas sketch');
    await page.locator('.react-flow__pane').waitFor();

    // A workstream from the toolbar, three tasks by keyboard: each new task joins the lane.
    await page.getByRole('button', { name: 'Add workstream' }).click();
    await typeTitle(page, 'Core Infrastructure');
    for (const title of ['Message queue', 'WebSocket server', 'Realtime UI', 'Runbook']) {
      await page.keyboard.press('t');
      await typeTitle(page, title);
    }
    await page.getByRole('button', { name: 'Fit plan to view' }).click();
    // Fitting animates for a quarter of a second; handles must be still before dragging from them.
    await page.waitForTimeout(400);
    await expect.poll(() => page.locator('.plan-node--task').count()).toBe(4);
    await expect.poll(() => page.locator('.workstream-node').count()).toBe(1);

    // A persona, then owners and estimates in the inspector.
    await page.getByRole('button', { name: 'Personas' }).click();
    const dialog = page.getByRole('dialog', { name: 'Personas' });
    await dialog.getByRole('button', { name: 'Add persona' }).click();
    await dialog.getByRole('form', { name: 'New persona' }).getByLabel('Name').fill('Developer');
    await dialog.getByRole('form', { name: 'New persona' }).getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.getByRole('group', { name: 'Developer' }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    for (const [title, days] of [['Message queue', '3'], ['WebSocket server', '2'], ['Realtime UI', '4'], ['Runbook', '1']] as const) {
      await node(page, title).click();
      await expect.poll(() => inspector.getByLabel('Title', { exact: true }).inputValue()).toBe(title);
      await inspector.getByLabel('Owner').selectOption({ label: 'Developer' });
      await inspector.getByLabel('Estimate (days)').fill(days);
      await inspector.getByLabel('Estimate (days)').press('Enter');
      await expect.poll(() => node(page, title).locator('.plan-node__owner').textContent()).toBe('Developer');
    }

    await connect(page, 'Message queue', 'WebSocket server');
    await connect(page, 'WebSocket server', 'Realtime UI');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);

    // Closing the loop is refused on the spot, naming the cycle.
    await connect(page, 'Realtime UI', 'Message queue');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Dependency refused' }).textContent()).toContain(
      'Message queue → WebSocket server → Realtime UI → Message queue',
    );
    expect(await page.locator('.react-flow__edge').count()).toBe(2);

    // The 9-day chain is the critical path: its cards and both edges marked; the 1-day runbook has slack.
    await expect.poll(() => page.locator('.plan-node--critical').count()).toBe(3);
    expect(await node(page, 'Runbook').locator('.plan-node--critical').count()).toBe(0);
    expect(await node(page, 'Runbook').locator('.plan-node').getAttribute('title')).toContain('Slack: 8 days');
    await expect.poll(() => page.locator('.react-flow__edge.edge--critical').count()).toBe(2);

    // Undo the last dependency, redo it.
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);

    await page.reload();
    await expect.poll(() => page.locator('.plan-node--task').count()).toBe(4);
    await expect.poll(() => page.locator('.plan-node--critical').count()).toBe(3);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    expect(await node(page, 'Realtime UI').count()).toBe(1);
    expect(app.browser.errors).toEqual([]);
  });

  it('deletes, duplicates, copies and pastes a selection, each as one undo step', async () => {
    const page = await app.openPage();
    await createPlan(page, 'Clipboard plan');
    await page.locator('.react-flow__pane').waitFor();
    await page.keyboard.press('m');
    await typeTitle(page, 'Launch');
    await node(page, 'Launch').click();
    await page.keyboard.press('Control+d');
    await expect.poll(() => node(page, 'Launch').count()).toBe(2);
    await page.keyboard.press('Control+z');
    await expect.poll(() => node(page, 'Launch').count()).toBe(1);

    await node(page, 'Launch').click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect.poll(() => node(page, 'Launch').count()).toBe(2);

    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => node(page, 'Launch').count()).toBe(2);
  });

  it('finds a node by title with Ctrl+F and opens a dropped plan file', async () => {
    const page = await app.openPage();
    // Drop the fixture onto the window, as a user would from their file manager.
    const bytes = await readFile(FIXTURE);
    const transfer = await page.evaluateHandle((data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], 'realtime-collab.json', { type: 'application/json' }));
      return dt;
    }, [...bytes]);
    await page.dispatchEvent('body', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
    await expect.poll(() => page.locator('.plan-view__title').textContent()).toBe('Real-time Collaboration System');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(24);

    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+f');
    await page.getByRole('searchbox', { name: 'Find on canvas' }).fill('conflict resolution ui');
    await page.keyboard.press('Enter');
    await expect.poll(() => node(page, 'Conflict resolution UI').locator('.plan-node--selected').count()).toBe(1);

    // Export plan gives back the interchange JSON that came in (web mode: a download).
    await page.getByRole('button', { name: 'Export plan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export plan' });
    // The feature plan first: the template's title heading and the plan's dependency matrix.
    await expect.poll(() => dialog.getByLabel('Export preview').inputValue()).toContain('# Coordinate Multi-Persona Feature');
    expect(await dialog.getByLabel('Export preview').inputValue()).toContain('| Component');
    await dialog.getByLabel('Format').selectOption('json');
    await expect.poll(() => dialog.getByLabel('Export preview').inputValue()).toContain('"format": "baton-plan"');
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const file = await (await download).path();
    const exported = JSON.parse(await readFile(file, 'utf8'));
    const original = JSON.parse(bytes.toString('utf8'));
    expect(exported.title).toBe(original.title);
    expect(exported.nodes.map((n: { id: string }) => n.id).sort()).toEqual(original.nodes.map((n: { id: string }) => n.id).sort());
    expect(exported.edges).toHaveLength(original.edges.length);

    // The canvas as a PNG: previewed, then saved as a real PNG file.
    await dialog.getByLabel('Format').selectOption('png');
    await dialog.getByRole('img', { name: 'Preview of the exported image' }).waitFor();
    const png = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const pngBytes = await readFile(await (await png).path());
    expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngBytes.byteLength).toBeGreaterThan(5_000);
    expect((await (await png).suggestedFilename())).toBe('real-time-collaboration-system.png');
    expect(app.browser.errors).toEqual([]);
  });

  it('starts a plan from the example, laid out with its four workstream lanes, and re-lays it out as one undo step', async () => {
    const page = await app.openPage('#/');
    await page.getByRole('button', { name: 'New from example' }).click();
    await expect.poll(() => page.locator('.plan-view__title').textContent()).toBe('Real-time Collaboration System');
    await expect.poll(() => page.locator('.workstream-node').count()).toBe(4);
    for (const lane of ['Core Infrastructure', 'Data Layer', 'API Design', 'UI/UX Design']) {
      expect(await page.locator('.workstream-node__title', { hasText: lane }).count(), lane).toBe(1);
    }
    await expect.poll(() => page.locator('.plan-node--critical').count()).toBeGreaterThan(0);
    // Every card starts inside its lane: laid out, not piled up.
    const before = await page.locator('.react-flow__node[data-id]').evaluateAll((els) => els.map((e) => (e as HTMLElement).style.transform));
    expect(new Set(before).size).toBe(before.length);

    // Nudge one card out of place, then auto-layout puts it back; one undo brings the nudge back.
    const card = page.locator('.react-flow__node[data-id]').filter({ has: page.locator('.plan-node--task') }).first();
    const transform = () => card.evaluate((e) => (e as HTMLElement).style.transform);
    const laidOut = await transform();
    await card.click();
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(transform).not.toBe(laidOut);
    const nudged = await transform();
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await expect.poll(transform).toBe(laidOut);
    await page.keyboard.press('Control+z');
    await expect.poll(transform).toBe(nudged);
    expect(app.browser.errors).toEqual([]);
  });

  it('imports a feature-plan document written by hand from the template', async () => {
    const page = await app.openPage('#/');
    const markdown = await readFile(path.resolve(path.dirname(FIXTURE), 'markdown/hand-written-feature-plan.md'));
    await page.getByLabel('Plan file to import').setInputFiles({ name: 'feature-plan.md', mimeType: 'text/markdown', buffer: markdown });
    await page.locator('.plan-view__title').waitFor();
    await expect.poll(() => page.locator('.workstream-node').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.plan-node--task').count()).toBeGreaterThan(5);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBeGreaterThan(0);
    expect(app.browser.errors).toEqual([]);
  });
});
