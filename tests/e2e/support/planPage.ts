import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');

/** Page model of an open plan: tabs, views, undo. */
export class PlanPage {
  constructor(readonly page: Page) {}

  /** Imports a plan file through the plan list's "Import plan" and waits for it to open. */
  async importFixture(name: string): Promise<void> {
    await this.importFile(name, await readFile(path.join(FIXTURES, name)));
  }

  /** Imports bytes as a named file through the plan list. */
  async importFile(name: string, buffer: Buffer): Promise<void> {
    await this.page.getByLabel('Plan file to import').setInputFiles({ name, mimeType: name.endsWith('.json') ? 'application/json' : 'application/octet-stream', buffer });
    await this.page.locator('.plan-view__title').waitFor();
  }

  /** Opens a plan from the plan list by its title (the first of that name) and waits for it. */
  async openFromList(title: string): Promise<void> {
    await this.page.getByRole('link', { name: title }).first().click();
    await this.page.locator('.plan-view__title').waitFor();
  }

  async showView(name: 'Canvas' | 'Matrix' | 'Board' | 'Timeline'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  /** The matrix row of a component. */
  matrixRow(component: string) {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('cell', { name: component, exact: true }) });
  }

  /** A board column (list) by workstream and status label. */
  boardColumn(workstream: string, status: 'To do' | 'Active' | 'Blocked' | 'Done') {
    return this.page.getByRole('list', { name: `${workstream}: ${status}` });
  }

  /** A canvas node by its plan id. */
  canvasNode(id: string) {
    return this.page.locator(`.react-flow__node[data-id="${id}"]`);
  }
}

/** Creates a plan from the plan list by title (the plan opens unless the title is refused). */
export async function createPlan(page: Page, title: string): Promise<void> {
  await page.getByLabel('New plan').fill(title);
  await page.getByRole('button', { name: 'Create plan' }).click();
}

/** A canvas node by the exact title on its card. */
export const nodeTitled = (page: Page, title: string) => page.locator('.react-flow__node').filter({ has: page.locator(`.plan-node__title:text-is("${title}")`) });

/** Types a new title into the in-place editor a new node opens with. */
export async function typeTitle(page: Page, title: string): Promise<void> {
  const editor = page.locator('.react-flow__node input[aria-label="Title"]');
  await editor.waitFor();
  await editor.fill(title);
  await editor.press('Enter');
  await editor.waitFor({ state: 'detached' });
}
