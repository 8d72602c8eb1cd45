import { stringifyPlanJson, toPlanJson, type PlanSnapshot } from '../model';
import type { ExportOptions } from './exportContext';
import { exportFeaturePlan } from './featurePlan';
import { exportMermaid } from './mermaid';
import { exportPactAction } from './pactAction';
import { exportPersonaCoordination } from './personaCoordination';
import { exportRetrospective } from './retrospective';

/** A text export format: its name on the command line, its label, file extension and renderer. */
export interface TextFormat {
  readonly id: TextFormatId;
  readonly label: string;
  readonly extension: string;
  readonly mimeType: string;
  render(snapshot: PlanSnapshot, options?: ExportOptions): string;
}

/** The names of the text formats, as `baton export --format` takes them. */
export type TextFormatId = 'feature-plan' | 'persona-coordination' | 'pact-action' | 'retrospective' | 'json' | 'mermaid';

/** Every text format, in the order menus list them. Pure functions of a snapshot: same plan, same bytes. */
export const TEXT_FORMATS: readonly TextFormat[] = [
  { id: 'feature-plan', label: 'Multi-persona feature plan (Markdown)', extension: 'md', mimeType: 'text/markdown', render: exportFeaturePlan },
  { id: 'persona-coordination', label: 'Persona coordination session (Markdown)', extension: 'md', mimeType: 'text/markdown', render: exportPersonaCoordination },
  { id: 'pact-action', label: 'PACT action phase (Markdown)', extension: 'md', mimeType: 'text/markdown', render: exportPactAction },
  { id: 'retrospective', label: 'Retrospective: board, evidence, reflection (Markdown)', extension: 'md', mimeType: 'text/markdown', render: exportRetrospective },
  { id: 'json', label: 'Interchange JSON', extension: 'json', mimeType: 'application/json', render: (s) => stringifyPlanJson(toPlanJson(s)) },
  { id: 'mermaid', label: 'Mermaid flowchart', extension: 'mmd', mimeType: 'text/plain', render: (s) => exportMermaid(s) },
];

/** The text format with this id, if any. */
export function textFormat(id: string): TextFormat | undefined {
  return TEXT_FORMATS.find((f) => f.id === id);
}
