import * as z from 'zod';

/** An entity id: short, printable, no whitespace, so it survives markdown, URLs and file names. */
export const idSchema = z
  .string()
  .min(1, 'expected a non-empty id')
  .max(200, 'expected an id of at most 200 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'expected an id of letters, digits, _ . : or -');

/** Id of a persona (a person or an AI agent). */
export const personaIdSchema = idSchema.brand<'PersonaId'>();
export type PersonaId = z.infer<typeof personaIdSchema>;

/** Id of a canvas node (feature, workstream, task, milestone, gate, risk, decision, artifact). */
export const nodeIdSchema = idSchema.brand<'NodeId'>();
export type NodeId = z.infer<typeof nodeIdSchema>;

/** Id of a dependency edge. */
export const edgeIdSchema = idSchema.brand<'EdgeId'>();
export type EdgeId = z.infer<typeof edgeIdSchema>;

/** Id of any other record (handoff, session, phase, broadcast, activity entry). */
export const recordIdSchema = idSchema.brand<'RecordId'>();
export type RecordId = z.infer<typeof recordIdSchema>;

/** A fresh random id with a readable prefix; ids only need to be unique, not secret. */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += b.toString(36).padStart(2, '0');
  return `${prefix}-${s.slice(0, 14)}`;
}
