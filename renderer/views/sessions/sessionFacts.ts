import type { CoordinationSession, Persona, PlanSnapshot } from '../../../shared/model';
import type { SessionWindow } from '../../../shared/planning';

/** The session types the template names, with their labels. */
export const SESSION_TYPES: readonly { value: CoordinationSession['type']; label: string }[] = [
  { value: 'planning', label: 'Planning' },
  { value: 'handoff', label: 'Handoff' },
  { value: 'review', label: 'Review' },
  { value: 'problem-solving', label: 'Problem-solving' },
];

/** A session type as shown. */
export const typeLabel = (type: CoordinationSession['type']): string => SESSION_TYPES.find((t) => t.value === type)?.label ?? type;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Sessions oldest first, by date then id: the order the persona-coordination export uses, so "previous" means the same here. */
export function sessionsInOrder(snapshot: PlanSnapshot): CoordinationSession[] {
  return [...snapshot.sessions.values()].sort((a, b) => compare(a.date, b.date) || compare(a.id, b.id));
}

/** The window a session covers: since the previous session, up to its own date; its participants, or everyone. */
export function windowOf(ordered: readonly CoordinationSession[], session: CoordinationSession): SessionWindow {
  const previous = ordered[ordered.indexOf(session) - 1];
  return { from: previous?.date, to: session.date, ...(session.participants?.length ? { personas: session.participants } : {}) };
}

/** A date as written, a date-time in local time (the stored text stays in the tooltip). */
export function formatWhen(value: string): string {
  if (value.length === 10) return value;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Personas by name, then id. */
export function personasByName(snapshot: PlanSnapshot): Persona[] {
  return [...snapshot.personas.values()].sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id));
}

/** A persona's name, or its id once removed. */
export const personaName = (snapshot: PlanSnapshot, id: string | undefined): string => (id === undefined ? 'Unassigned' : (snapshot.personas.get(id)?.name ?? id));

/** A node's title, or its id once removed. */
export const nodeTitle = (snapshot: PlanSnapshot, id: string): string => snapshot.nodes.get(id)?.title ?? id;

/** '' clears a field; a list with nothing in it too. */
export const orNull = <T extends string>(value: T | ''): T | null => (value === '' ? null : value);
export const listOrNull = <T,>(list: readonly T[]): T[] | null => (list.length ? [...list] : null);

/** Lines of a textarea, trimmed, blanks dropped. */
export const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
