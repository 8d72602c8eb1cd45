import type { ListItem, RootContent } from 'mdast';
import type { PlanSnapshot } from '../model';
import { RETRO_COLUMN_TITLES, type BoardNote } from '../planning';
import { exportContext, type ExportContext, type ExportOptions } from './exportContext';
import { emphasis, heading, item, list, nothingRecorded, paragraph, renderMarkdown, strong } from './markdown';
import { field, joined, plural } from './planFacts';
import { reflectionText, REFLECTION_HEADINGS } from './pactSections';
import { agentEvidence, boardOutcomes, coordinationEvidence, executionEvidence, reflectionFacts, type ReflectionFacts } from './reflectionBlocks';

// The retrospective alone (`baton export --format retrospective`): the board the team wrote,
// the evidence from the plan's history, and the six reflection texts. Deterministic: the day
// it stands at comes from the plan (or --as-of), never from the clock.

/** How many of the most-voted notes the summary lists. */
const TOP_VOTED = 5;

function noteLine(ctx: ExportContext, n: BoardNote): string {
  const votes = n.votes ? `${plural(n.votes, 'vote')} (${n.voters.join(', ')})` : 'no votes';
  const task = n.note.task ? ctx.snapshot.nodes.get(n.note.task) : undefined;
  const outcome =
    n.note.outcome === 'action-item' ? ` → action item${task ? `: task "${task.title}"` : ''}` : n.note.outcome === 'process-improvement' ? ' → process improvement' : '';
  return `${n.note.text} — ${n.note.author}, ${votes}${outcome}`;
}

function board(ctx: ExportContext, facts: ReflectionFacts | null): RootContent[] {
  const b = facts?.board;
  const out: RootContent[] = [heading(2, 'Retrospective Board')];
  if (!b || !b.ranked.length) return [...out, nothingRecorded('retrospective notes')];
  out.push(list([field('Participants', joined(b.participants)), field('Notes', String(b.ranked.length))]));
  for (const column of b.columns) {
    out.push(heading(3, RETRO_COLUMN_TITLES[column.column]));
    if (!column.notes) {
      out.push(paragraph(emphasis('No notes.')));
      continue;
    }
    const items: ListItem[] = column.groups.flatMap((g) =>
      g.label === null ? g.notes.map((n) => item(noteLine(ctx, n))) : [item([strong(g.label), ` (${plural(g.votes, 'vote')})`], list(g.notes.map((n) => noteLine(ctx, n))))],
    );
    out.push(list(items));
  }
  const top = b.ranked.filter((n) => n.votes > 0).slice(0, TOP_VOTED);
  out.push(heading(3, 'Most Voted'), top.length ? list(top.map((n) => `${RETRO_COLUMN_TITLES[n.note.column]}: ${noteLine(ctx, n)}`), true) : paragraph(emphasis('No votes cast.')));
  return out;
}

function evidence(ctx: ExportContext, facts: ReflectionFacts | null): RootContent[] {
  const out: RootContent[] = [heading(2, 'Evidence')];
  if (!facts) return [...out, paragraph(emphasis('The plan records no activity, broadcast, session or timeline start: there is no history to compute evidence from.'))];
  const e = facts.evidence;
  const outcomes = boardOutcomes(ctx, facts.board);
  return [
    ...out,
    list([field('As of', e.asOf), field('Activity entries used', String(e.log.used)), field('Status broadcasts', String(e.log.broadcasts))]),
    heading(3, 'Planned Versus Actual'),
    ...executionEvidence(ctx, e),
    heading(3, 'Blocked Time and Handoffs'),
    ...coordinationEvidence(ctx, e),
    heading(3, 'Agent Performance'),
    ...agentEvidence(e),
    ...(outcomes.length ? [heading(3, 'Outcomes'), ...outcomes] : []),
  ];
}

function reflectionTexts(snapshot: PlanSnapshot): RootContent[] {
  return [heading(2, 'Reflection'), ...REFLECTION_HEADINGS.flatMap(([key, title, what]) => [heading(3, title), ...reflectionText(snapshot, key, what)])];
}

/** The retrospective as markdown: the board, the evidence and the six reflection texts. */
export function exportRetrospective(snapshot: PlanSnapshot, options: ExportOptions = {}): string {
  const ctx = exportContext(snapshot, options);
  const facts = reflectionFacts(ctx);
  return renderMarkdown([
    heading(1, `Retrospective: ${snapshot.meta.title}`),
    ...board(ctx, facts),
    ...evidence(ctx, facts),
    ...reflectionTexts(snapshot),
  ]);
}
