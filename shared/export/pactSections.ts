import type { RootContent } from 'mdast';
import type { PlanSnapshot, Playbook, ReflectionSection } from '../model';
import { compareText } from './exportContext';
import { emphasis, nothingRecorded, paragraph } from './markdown';

// Which playbook texts feed which prose section of the PACT document. Playbook keys are
// free-form (`conflict-resolution`, `peerReview`, `Communication`), so they are matched
// loosely: lower case, letters and digits only, containing one of a section's stems.

/** A prose section of the PACT document that playbook texts can fill. */
export type PactProseSection =
  | 'integration-testing'
  | 'reallocation'
  | 'emergency'
  | 'validation'
  | 'review'
  | 'optimization'
  | 'communication'
  | 'documentation'
  | 'isolation'
  | 'shared-resources'
  | 'conflict'
  | 'bottleneck'
  | 'risk';

/** Stems per section, most specific first: a key goes to the first section one of whose stems it contains. */
const STEMS: readonly (readonly [PactProseSection, readonly string[]])[] = [
  ['integration-testing', ['integrationtest']],
  ['reallocation', ['realloc', 'reassign']],
  ['emergency', ['emergenc', 'incident']],
  ['validation', ['validat']],
  ['review', ['review']],
  ['optimization', ['optimi', 'performance']],
  ['communication', ['communicat']],
  ['documentation', ['documentation', 'docs']],
  ['isolation', ['isolat']],
  ['shared-resources', ['resource']],
  ['conflict', ['conflict']],
  ['bottleneck', ['bottleneck']],
  ['risk', ['risk']],
];

/** A playbook key reduced to what matters for matching: `Peer-Review` and `peer_review` read `peerreview`. */
const normalise = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The PACT section a playbook key belongs to, or undefined when none fits. */
export function pactSectionOf(key: string): PactProseSection | undefined {
  const k = normalise(key);
  return STEMS.find(([, stems]) => stems.some((s) => k.includes(s)))?.[0];
}

/** Non-empty playbook texts per PACT section, each section's texts in code-unit order of their keys. */
export function playbookBySection(playbook: Readonly<Playbook>): ReadonlyMap<PactProseSection, readonly string[]> {
  const out = new Map<PactProseSection, string[]>();
  for (const key of Object.keys(playbook).sort(compareText)) {
    const text = playbook[key]?.trim();
    const section = pactSectionOf(key);
    if (!text || !section) continue;
    (out.get(section) ?? out.set(section, []).get(section)!).push(text);
  }
  return out;
}

/** Texts as paragraphs: blank lines separate paragraphs, single line breaks are kept. */
export function prose(texts: readonly string[]): RootContent[] {
  return texts.flatMap((t) =>
    t
      .split(/\r?\n[ \t]*\r?\n/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => paragraph(p)),
  );
}

/** The six reflection sections: key, the template's heading, and what "No … recorded." names. */
export const REFLECTION_HEADINGS: readonly (readonly [ReflectionSection, string, string])[] = [
  ['executionEffectiveness', 'Execution Effectiveness Analysis', 'execution effectiveness analysis'],
  ['coordinationChallenges', 'Coordination Challenges Overcome', 'coordination challenges'],
  ['agentPerformance', 'Agent Performance Assessment', 'agent performance assessment'],
  ['processImprovements', 'Process Improvements Identified', 'process improvements'],
  ['lessonsLearned', 'Lessons Learned', 'lessons learned'],
  ['recommendations', 'Recommendations for Future Projects', 'recommendations'],
];

/** One reflection section's text as paragraphs, or a plain "No … recorded." */
export function reflectionText(snapshot: Pick<PlanSnapshot, 'reflection'>, section: ReflectionSection, what: string): RootContent[] {
  const text = snapshot.reflection[section]?.trim();
  return text ? prose([text]) : [nothingRecorded(what)];
}

/** A plain note for a subsection whose content is the prose of its section, above it. */
export const seeAbove = (section: string): RootContent => paragraph(emphasis(`Covered by the ${section} text above.`));
