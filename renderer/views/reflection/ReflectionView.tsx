import type { ReactNode } from 'react';
import { REFLECTION_SECTIONS, type PlanSnapshot, type ReflectionSection } from '../../../shared/model';
import { REFLECTION_HEADINGS } from '../../../shared/export/pactSections';
import { chooseBaseline, flowSeries, reflectionEvidence, type FlowSeries, type ReflectionEvidence } from '../../../shared/planning';
import { usePlan } from '../../app/planContext';
import { TextField } from '../../panels/fields/TextField';
import { BaselineBar, sortedBaselines } from './BaselineBar';
import { AgentEvidenceBlock, CoordinationEvidence, ExecutionEvidence, KeyFigures, PersonaEvidence, SlipEvidence, TaskEstimateEvidence } from './EvidenceBlocks';
import { lastResult } from './lastResult';
import { RetroBoardPanel } from './RetroBoardPanel';
import './reflection.css';

const HEADING = new Map(REFLECTION_HEADINGS.map(([key, heading]) => [key, heading]));

/** What each section is written beside. */
const EVIDENCE_OF: Readonly<Record<ReflectionSection, { title: string; render(e: ReflectionEvidence, flow: FlowSeries, snapshot: PlanSnapshot): ReactNode }>> = {
  executionEffectiveness: { title: 'Progress, and planned vs actual by workstream', render: (e, flow) => <ExecutionEvidence e={e} flow={flow} /> },
  coordinationChallenges: { title: 'Blocked time, top blockers and handoffs', render: (e, _flow, snapshot) => <CoordinationEvidence e={e} snapshot={snapshot} /> },
  agentPerformance: { title: 'Per-agent figures from status broadcasts', render: (e) => <AgentEvidenceBlock e={e} /> },
  processImprovements: { title: 'Estimation accuracy, blocking and handoffs by persona', render: (e) => <PersonaEvidence e={e} /> },
  lessonsLearned: { title: 'Tasks furthest from their estimate', render: (e) => <TaskEstimateEvidence e={e} /> },
  recommendations: { title: 'Critical-path slip and timeline adherence against the baseline', render: (e) => <SlipEvidence e={e} /> },
};

// Keyed on the tables each reads, so typing a note or a reflection text recomputes neither.
const evidenceCache = lastResult<ReflectionEvidence>();
const flowCache = lastResult<FlowSeries>();

/**
 * The retrospective: what happened (evidence as of the end of today, against the chosen
 * baseline), the board the team fills in together, and the six reflection texts, each beside
 * the evidence it speaks to.
 */
export function ReflectionView() {
  const { plan, snapshot, analysis, today } = usePlan();
  const baseline = chooseBaseline(sortedBaselines(snapshot.baselines), snapshot.meta.baseline);
  const { nodes, edges, personas, handoffs, activity, broadcasts, meta } = snapshot;
  // The schedule is a function of nodes and edges, which are among the keys, so it is not one
  // (the analysis, and so its schedule object, is rebuilt on every edit).
  const evidence = evidenceCache([nodes, edges, personas, handoffs, activity, broadcasts, meta, baseline, today], () =>
    reflectionEvidence(snapshot, { asOf: today, baseline, schedule: analysis.schedule, top: 10 }),
  );
  const from = baseline?.start ?? meta.timelineStart;
  const flow = flowCache([nodes, activity, from, today], () => flowSeries(snapshot, { asOf: today, ...(from !== undefined && from <= today ? { from } : {}), maxPoints: 60 }));

  return (
    <div className="reflection">
      <div className="toolbar" role="toolbar" aria-label="Reflection options">
        <span>
          Evidence as of the end of <strong>{today}</strong>
          {evidence.baseline ? (
            <>
              , against <strong>{evidence.baseline.name}</strong>
            </>
          ) : (
            ', with no baseline'
          )}
        </span>
        <BaselineBar />
      </div>
      <div className="reflection__body">
        {!evidence.baseline && (
          <p className="reflection-notice" role="note">
            Critical-path slip and timeline adherence need a baseline. Set one (it freezes the schedule as it is now) and choose it here; the figures then compare what happens with it.
          </p>
        )}
        <KeyFigures e={evidence} />
        <RetroBoardPanel />
        <h2 className="reflection__heading">Reflection</h2>
        {REFLECTION_SECTIONS.map((section) => {
          const heading = HEADING.get(section) ?? section;
          const { title, render } = EVIDENCE_OF[section];
          return (
            <section key={section} className="reflection-section" aria-label={heading}>
              <div className="reflection-section__text">
                <h3>{heading}</h3>
                <TextField
                  label={heading}
                  multiline
                  rows={7}
                  value={snapshot.reflection[section] ?? ''}
                  placeholder="Written together: everyone's words are kept. Ctrl+Enter or leaving the field saves."
                  onCommit={(text) => plan.commands.setReflectionText(section, text)}
                />
              </div>
              <div className="reflection-section__evidence" role="region" aria-label={`Evidence: ${heading}`}>
                <h4>{title}</h4>
                {render(evidence, flow, snapshot)}
              </div>
            </section>
          );
        })}
      </div>
    </div>
  );
}
