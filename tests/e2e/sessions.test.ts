import { describe, expect, it } from 'vitest';
import { PlanPage } from './support/planPage';
import { useWebAppAndBrowser } from './support/useWebAppAndBrowser';

describe('coordination sessions', () => {
  const app = useWebAppAndBrowser();

  it('pre-fills a second session from what changed since the first; records a decision and an action item made a task; exports the session', async () => {
    const page = await app.openPage('#/');
    const plan = new PlanPage(page);
    await page.getByRole('button', { name: 'New from example' }).click();
    await page.locator('.plan-view__title').waitFor();

    // The first session, before anything has started.
    await page.keyboard.press('Alt+5');
    const list = page.getByRole('navigation', { name: 'Coordination sessions' });
    await expect.poll(() => list.getByText('No sessions yet', { exact: false }).count()).toBe(1);
    await list.getByRole('button', { name: 'New session' }).click();
    const form = page.getByRole('form', { name: 'New session details' });
    await form.getByLabel('Objectives').fill('Agree on workstreams and leads');
    await form.getByRole('button', { name: 'Start session' }).click();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    const first = page.getByRole('article', { name: /^Planning session, / });
    await expect.poll(() => first.getByRole('list', { name: 'DevOps Engineer: Upcoming' }).textContent()).toContain('Infrastructure setup');
    expect(await first.getByLabel('DevOps Engineer: Completed since last session').textContent()).toBe('None');

    // Work happens: DevOps starts on the board, the Architect finishes, the Data Engineer is blocked ...
    await plan.showView('Board');
    await plan.boardColumn('Core Infrastructure', 'To do').getByRole('listitem').filter({ hasText: 'Infrastructure setup' }).dragTo(plan.boardColumn('Core Infrastructure', 'Active'));
    await expect.poll(() => plan.boardColumn('Core Infrastructure', 'Active').getByText('Infrastructure setup', { exact: true }).count()).toBe(1);
    await plan.showView('Canvas');
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    for (const [task, title, status] of [
      ['t-api-design', 'API design', 'Done'],
      ['t-data-model', 'Data model design', 'Blocked'],
    ] as const) {
      await plan.canvasNode(task).click();
      await inspector.getByRole('heading', { name: title }).waitFor();
      await inspector.getByLabel('Status').selectOption({ label: status });
      await expect.poll(() => inspector.getByLabel('Status').inputValue()).toBe(status.toLowerCase());
    }
    // ... and the Developer hands REST API extensions to QA.
    await plan.canvasNode('t-rest-api').click();
    const handoff = page.getByRole('form', { name: 'New handoff' });
    await handoff.getByLabel(/^To/).selectOption({ label: 'QA Engineer' });
    await handoff.getByLabel(/^Reason/).fill('Ready for contract tests');
    await handoff.getByRole('button', { name: 'Add handoff' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Handoffs' }).getByText('pending').count()).toBe(1);

    // The second session pre-fills per persona from the log since the first.
    await page.keyboard.press('Alt+5');
    await list.getByRole('button', { name: 'New session' }).click();
    await page.getByRole('form', { name: 'New session details' }).getByLabel('Session type').selectOption('review');
    await page.getByRole('form', { name: 'New session details' }).getByRole('button', { name: 'Start session' }).click();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(2);
    // Newest first.
    expect(await list.getByRole('listitem').first().textContent()).toContain('Review');
    const session = page.getByRole('article', { name: /^Review session, / });
    const facts = (name: string) => session.getByLabel(name, { exact: true }).textContent();
    /** The entries of one pre-filled list ("None" when it is empty). */
    const lines = async (name: string) => {
      const list = session.getByRole('list', { name, exact: true });
      return (await list.count()) ? list.getByRole('listitem').allTextContents() : [await facts(name)];
    };
    await expect.poll(() => lines('DevOps Engineer: Active')).toEqual(['Infrastructure setup']);
    expect(await lines('Architect: Active')).toEqual(['None']);
    expect(await lines('Architect: Completed since last session')).toEqual([expect.stringMatching(/^API design \S/)]);
    expect(await lines('Data Engineer: Blocked')).toEqual([
      'Data model design · marked blocked',
      'Database optimization · waiting on Synchronization schema',
      'Synchronization schema · waiting on Data model design',
    ]);
    expect(await lines('Data Engineer: Completed since last session')).toEqual(['None']);
    expect(await lines('Developer: Blocked')).toContain('WebSocket server · waiting on Infrastructure setup, Message queue setup, WebSocket infrastructure, WebSocket protocol design');
    expect(await lines('Developer: Upcoming')).toContain('REST API extensions · day 2');
    expect(await lines('Developer: Completed since last session')).toEqual(['None']);
    // API design held up two of the Developer's tasks; it was finished since, with when.
    expect(await lines('Dependencies: Resolved since')).toEqual([expect.stringMatching(/^REST API extensions ← API design \S/), expect.stringMatching(/^Real-time UI updates ← API design \S/)]);
    expect(await lines('Dependencies: Open')).toContain('Conflict resolution engine (Developer) waits on Data model design (Data Engineer)');
    expect(await lines('Handoffs: Pending')).toEqual(['REST API extensions Developer → QA Engineer']);
    expect(await lines('Handoffs: Completed since')).toEqual(['None']);
    // The first session's window ended before any of it.
    await list.getByRole('listitem').last().getByRole('button').click();
    await expect.poll(() => page.getByRole('article', { name: /^Planning session, / }).getByLabel('Architect: Completed since last session').textContent()).toBe('None');
    await list.getByRole('listitem').first().getByRole('button').click();

    // A decision: refused without a title (the plan unchanged), then recorded.
    const decision = session.getByRole('form', { name: 'New decision' });
    await decision.getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(() => decision.getByRole('alert').textContent()).toContain('expected a non-empty title');
    expect(await session.getByRole('list', { name: 'Decisions made' }).count()).toBe(0);
    await decision.getByLabel('Decision').fill('Use CRDTs for conflict resolution');
    await decision.getByLabel('Rationale').fill('Merges offline edits without a server');
    await decision.getByLabel('Owner').selectOption({ label: 'Architect' });
    await decision.getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(() => session.getByRole('list', { name: 'Decisions made' }).textContent()).toContain('Use CRDTs for conflict resolution');
    expect(await decision.getByRole('alert').count()).toBe(0);

    // An action item, then made a task: the item shows its task.
    const item = session.getByRole('form', { name: 'New action item' });
    await item.getByLabel('Action item').fill('Provision the staging message queue');
    await item.getByLabel('Assigned to').selectOption({ label: 'DevOps Engineer' });
    await item.getByLabel('Due').fill('2030-03-06');
    await item.getByRole('button', { name: 'Add action item' }).click();
    const items = session.getByRole('list', { name: 'Action items of this session' });
    await expect.poll(() => items.getByRole('listitem').count()).toBe(1);
    await items.getByRole('button', { name: 'Make task of Provision the staging message queue' }).click();
    await expect.poll(() => items.getByRole('button', { name: 'Task: Provision the staging message queue' }).count()).toBe(1);

    // Notes, written like a description.
    await session.getByLabel('Session notes').fill('Integration meeting moved to Friday.');
    await session.getByLabel('Session notes').press('Control+Enter');

    // Export the session as the persona coordination document.
    await session.getByRole('button', { name: 'Export session' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export session' });
    const preview = dialog.getByLabel('Export preview');
    await expect.poll(() => preview.inputValue()).toContain('# Persona Coordination Template');
    const markdown = await preview.inputValue();
    expect(markdown).toContain('- **Session Type**: Review');
    expect(markdown).toMatch(/### Architect\n\n- \*\*Active Tasks\*\*: None\n[^#]*- \*\*Completed Since Last Sync\*\*:\n  - API design — done \d{4}-/);
    expect(markdown).toContain('### DevOps Engineer\n\n- **Active Tasks**:\n  - Infrastructure setup');
    expect(markdown).toContain('  - Data model design — marked blocked');
    expect(markdown).toContain('**Real-time UI updates depends on API design** - Resolved on');
    expect(markdown).toContain('- **Task**: REST API extensions\n  - **From**: Developer\n  - **To**: QA Engineer\n  - **Reason**: Ready for contract tests');
    expect(markdown).toContain('1. **Decision**: Use CRDTs for conflict resolution\n   - **Rationale**: Merges offline edits without a server');
    expect(markdown).toContain('- [ ] Provision the staging message queue - DevOps Engineer - Due 2030-03-06');
    expect(markdown).toContain('Integration meeting moved to Friday.');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // "Task: …" leads to the new task on the canvas.
    await items.getByRole('button', { name: 'Task: Provision the staging message queue' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Canvas' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.getByRole('complementary', { name: 'Inspector' }).getByRole('heading', { name: 'Provision the staging message queue' }).count()).toBe(1);

    // A meeting recorded late moves to the day it was held, keeping its time; no day is refused.
    await page.getByRole('tab', { name: 'Sessions' }).click();
    await list.getByRole('listitem').last().getByRole('button').click();
    const planning = page.getByRole('article', { name: /^Planning session, / });
    const time = await planning.locator('h2 time').getAttribute('datetime');
    await planning.getByLabel('Held on').fill('2020-01-06');
    await planning.getByLabel('Held on').press('Enter');
    await expect.poll(() => planning.locator('h2 time').getAttribute('datetime')).toBe(`2020-01-06${time!.slice(10)}`);
    await planning.getByLabel('Held on').fill('');
    await planning.getByLabel('Held on').press('Enter');
    await expect.poll(() => planning.getByRole('alert').count()).toBe(1);
    expect(await planning.locator('h2 time').getAttribute('datetime')).toBe(`2020-01-06${time!.slice(10)}`);
    expect(app.browser.errors).toEqual([]);
  });
});
