import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shareAndJoin } from './support/shareAndJoin';
import { exportPreview, useServeAndTwoBrowsers } from './support/useServeAndTwoBrowsers';

// Two teammates run a retrospective on one `baton serve`: notes, votes and groups show on the
// other side live; the top-voted note becomes a task; the export holds both teammates' notes.
// Then a baseline is set, an estimate changes, and the slip evidence moves.

const board = (page: Page) => page.getByRole('region', { name: 'Retrospective board' });
const column = (page: Page, name: 'Went well' | 'To improve' | 'Ideas') => board(page).getByRole('region', { name, exact: true });
const note = (page: Page, text: string) => board(page).locator('.retro__note').filter({ hasText: text });
const voteButton = (page: Page, text: string) => note(page, text).getByRole('button', { name: /^Vote/ });
const figure = (page: Page, name: string) => page.getByRole('group', { name }).textContent();

async function addNote(page: Page, name: 'Went well' | 'To improve' | 'Ideas', text: string): Promise<void> {
  const box = column(page, name).getByLabel(`New note: ${name}`);
  await box.fill(text);
  await box.press('Enter');
  await note(page, text).waitFor();
}

describe('a retrospective with two teammates on one baton serve', () => {
  const team = useServeAndTwoBrowsers();

  it('notes, votes and groups live both ways; the top note becomes a task; baseline slip follows an estimate', async () => {
    const { server, alice, bob } = team;
    const a = await alice.newPage();
    await a.goto(server.url);
    await a.getByRole('button', { name: 'New from example' }).click();
    await a.locator('.workstream-node').first().waitFor();

    const b = await bob.newPage();
    await shareAndJoin(server, a, 'Alice', b, 'Bob');
    await expect.poll(() => b.locator('.plan-view__title').textContent()).toBe('Real-time Collaboration System');

    await a.keyboard.press('Alt+6');
    await b.getByRole('tab', { name: 'Reflection' }).click();
    // With no baseline, the view says plainly what slip and adherence need.
    await expect.poll(() => figure(a, 'Critical-path slip')).toContain('Needs a baseline');

    // Each adds notes; each sees the other's, with its author.
    await addNote(a, 'Went well', 'Contracts first kept the API stable');
    await addNote(b, 'To improve', 'Conflict engine estimate was optimistic');
    await addNote(b, 'To improve', 'Load tests started late');
    await expect.poll(() => column(a, 'To improve').textContent(), { timeout: 2_000 }).toContain('Load tests started late');
    await expect.poll(() => note(a, 'Conflict engine estimate').textContent()).toContain('Bob');
    await expect.poll(() => column(b, 'Went well').textContent(), { timeout: 2_000 }).toContain('Contracts first kept the API stable');
    // Only the author can edit or remove a note.
    expect(await note(a, 'Load tests started late').getByRole('button', { name: 'Remove' }).count()).toBe(0);
    expect(await note(b, 'Load tests started late').getByRole('button', { name: 'Remove' }).count()).toBe(1);

    // Both vote for the same note: two votes on both sides; each sees that they voted.
    await voteButton(a, 'Conflict engine estimate').click();
    await voteButton(b, 'Conflict engine estimate').click();
    await voteButton(a, 'Contracts first').click();
    for (const page of [a, b]) {
      await expect.poll(() => voteButton(page, 'Conflict engine estimate').getAttribute('aria-label'), { timeout: 2_000 }).toBe('Vote (2)');
      expect(await voteButton(page, 'Conflict engine estimate').getAttribute('aria-pressed')).toBe('true');
    }
    await expect.poll(() => voteButton(b, 'Contracts first').getAttribute('aria-label')).toBe('Vote (1)');
    expect(await voteButton(b, 'Contracts first').getAttribute('aria-pressed')).toBe('false');

    // Bob groups his two notes; Alice sees the group.
    for (const text of ['Conflict engine estimate', 'Load tests started late']) {
      await note(b, text).getByRole('button', { name: 'Group' }).click();
      const label = note(b, text).getByLabel('Group', { exact: true });
      await label.fill('Estimation');
      await label.press('Enter');
    }
    const group = column(a, 'To improve').getByRole('list', { name: 'Group: Estimation' });
    await expect.poll(() => group.locator('.retro__note').count(), { timeout: 2_000 }).toBe(2);

    // Sorted by votes, the two-vote note leads; one click makes it an action item (a task).
    await b.getByRole('button', { name: 'Sort by votes' }).click();
    const top = b.getByRole('list', { name: 'Top-voted notes' }).getByRole('listitem');
    await expect.poll(() => top.first().textContent()).toContain('Conflict engine estimate was optimistic');
    await top.first().getByRole('button', { name: /^Make action item/ }).click();
    await expect.poll(() => a.getByRole('list', { name: 'Top-voted notes' }).getByRole('listitem').first().textContent(), { timeout: 2_000 }).toContain(
      'Action item: task “Conflict engine estimate was optimistic” (todo)',
    );

    // The plan holds both teammates' notes and votes, and the new task.
    const json = JSON.parse(await exportPreview(a, 'json')) as { nodes: { kind: string; title: string }[]; retroVotes: { voter: string }[]; retroNotes: { author: string; text: string }[] };
    expect(json.nodes.some((n) => n.kind === 'task' && n.title === 'Conflict engine estimate was optimistic')).toBe(true);
    expect(json.retroVotes.map((v) => v.voter).sort()).toEqual(['Alice', 'Alice', 'Bob']);
    expect(json.retroNotes.map((n) => `${n.author}: ${n.text}`).sort()).toEqual([
      'Alice: Contracts first kept the API stable',
      'Bob: Conflict engine estimate was optimistic',
      'Bob: Load tests started late',
    ]);
    // The retrospective document has both teammates' notes and names.
    const retrospective = await exportPreview(a, 'retrospective');
    for (const words of ['Contracts first kept the API stable — Alice', 'Conflict engine estimate was optimistic — Bob, 2 votes (Alice, Bob) → action item', 'Load tests started late — Bob', '**Estimation**']) {
      expect(retrospective).toContain(words);
    }

    // Set a baseline; then lengthen one task far enough to lead the critical path.
    await a.getByRole('tab', { name: 'Reflection' }).click();
    await a.getByRole('button', { name: 'Set baseline' }).click();
    await a.getByLabel('Baseline name').fill('Kick-off');
    await a.getByRole('button', { name: 'Save baseline' }).click();
    await expect.poll(() => a.getByLabel('Compare with baseline').locator('option:checked').textContent()).toContain('Kick-off');
    await expect.poll(() => figure(b, 'Critical-path slip'), { timeout: 2_000 }).toMatch(/against 2\d d/);
    const slipBefore = (await figure(a, 'Critical-path slip'))!;
    const adherenceBefore = (await figure(a, 'Timeline adherence'))!;
    expect(adherenceBefore).not.toContain('Needs a baseline');

    await a.getByRole('tab', { name: 'Canvas' }).click();
    await a.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await a.keyboard.press('Control+f');
    await a.getByRole('searchbox', { name: 'Find on canvas' }).fill('Error handling standards');
    await a.keyboard.press('Enter');
    await a.keyboard.press('Escape');
    const estimate = a.getByRole('complementary', { name: 'Inspector' }).getByLabel('Estimate (days)');
    await estimate.fill('60');
    await estimate.press('Enter');
    await a.getByRole('tab', { name: 'Reflection' }).click();

    // The forecast now runs past 60 days against the baseline's twenty-odd: slip grows, on both sides.
    const slipNumber = (text: string | null) => Number(/([+−-]?\d+(?:\.\d+)?) d/.exec(text ?? '')?.[1]?.replace('−', '-'));
    await expect.poll(async () => slipNumber(await figure(a, 'Critical-path slip'))).toBeGreaterThan(slipNumber(slipBefore) + 30);
    await expect.poll(async () => slipNumber(await figure(b, 'Critical-path slip')), { timeout: 2_000 }).toBeGreaterThan(slipNumber(slipBefore) + 30);
    const chain = a.getByRole('table', { name: 'Critical chain against the baseline' });
    await expect.poll(() => chain.textContent()).toContain('Error handling standards');

    // Removing the baseline takes the comparison away again.
    await a.getByRole('button', { name: 'Remove baseline' }).click();
    await expect.poll(() => figure(a, 'Timeline adherence')).toContain('Needs a baseline');

    const unexpected = (errors: string[]) => errors.filter((e) => !/WebSocket|ERR_INTERNET_DISCONNECTED/.test(e));
    expect(unexpected(alice.errors)).toEqual([]);
    expect(unexpected(bob.errors)).toEqual([]);
  });
});
