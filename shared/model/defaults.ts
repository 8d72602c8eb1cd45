import type { Persona, TaskNode, TaskStatus } from './entities';

/** Days per week a persona works when no capacity is set. */
export const DEFAULT_CAPACITY_DAYS = 5;

/** A task's status; a task nobody has touched is to do. */
export const taskStatus = (task: Pick<TaskNode, 'status'>): TaskStatus => task.status ?? 'todo';

/** A persona's capacity in days per week. */
export const personaCapacity = (persona: Pick<Persona, 'capacity'>): number => persona.capacity ?? DEFAULT_CAPACITY_DAYS;

/** Colours handed to new personas in turn: distinct, readable on white and on dark. */
export const PERSONA_PALETTE = ['#2563eb', '#db2777', '#16a34a', '#ea580c', '#7c3aed', '#0891b2', '#ca8a04', '#dc2626'] as const;

/** The colour a persona shows with: its own, or one picked from the palette by its id. */
export function personaColour(persona: Pick<Persona, 'id' | 'colour'>): string {
  if (persona.colour) return persona.colour;
  let h = 0;
  for (const ch of persona.id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PERSONA_PALETTE[h % PERSONA_PALETTE.length]!;
}
