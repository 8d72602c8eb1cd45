import type { ReactNode } from 'react';
import { personaColour, type PlanSnapshot } from '../../../shared/model';
import { addWorkingDays, type PlanAnalysis, type SessionPrefill } from '../../../shared/planning';
import { formatWhen, nodeTitle, personaName } from './sessionFacts';

/** A labelled list, or "None" when it is empty; named "scope: label" for assistive technology (several personas each have an "Active" list). */
function FactList({ scope, label, items }: { scope: string; label: string; items: readonly { key: string; content: ReactNode }[] }) {
  const name = `${scope}: ${label}`;
  return (
    <div className="prefill__group">
      <h5 className="prefill__label">{label}</h5>
      {items.length === 0 ? (
        <p className="muted prefill__none" aria-label={name}>
          None
        </p>
      ) : (
        <ul className="prefill__list" aria-label={name}>
          {items.map((i) => (
            <li key={i.key}>{i.content}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

const When = ({ at }: { at: string | undefined }) =>
  at ? (
    <time className="muted" dateTime={at} title={at}>
      {formatWhen(at)}
    </time>
  ) : (
    <span className="muted">date not recorded</span>
  );

/**
 * What a session starts from (sessionPrefill): where each persona stands, and what changed
 * since the previous session. Read-only: it is computed from the plan and its activity log.
 */
export function PrefillSummary({ prefill, snapshot, analysis, since }: { prefill: SessionPrefill; snapshot: PlanSnapshot; analysis: PlanAnalysis; since: string | undefined }) {
  const title = (id: string) => nodeTitle(snapshot, id);
  const name = (id: string) => personaName(snapshot, id);
  const start = snapshot.meta.timelineStart;
  const day = (n: number) => (start ? `day ${n} (${addWorkingDays(start, n)})` : `day ${n}`);
  return (
    <section className="session-section" aria-label="Since the last session">
      <h3 className="session-section__title">Since the last session</h3>
      <p className="muted session-section__hint">{since ? `Changes after the previous session (${formatWhen(since)}), from the plan's activity log.` : 'The first session: everything the plan records so far.'}</p>

      <h4 className="prefill__heading">Task status by persona</h4>
      {prefill.personas.length === 0 ? (
        <p className="muted">No personas yet.</p>
      ) : (
        <div className="prefill__personas">
          {prefill.personas.map((p) => {
            const persona = snapshot.personas.get(p.persona);
            const n = name(p.persona);
            return (
              <article key={p.persona} className="prefill__persona" aria-label={`Status of ${n}`} style={persona ? { borderTopColor: personaColour(persona) } : undefined}>
                <h5 className="prefill__persona-name">{n}</h5>
                <FactList
                  scope={n} label="Active"
                  items={p.active.map((a) => ({ key: a.task, content: <>{title(a.task)}{a.progress !== undefined && <span className="muted"> · {a.progress}%</span>}</> }))}
                />
                <FactList
                  scope={n} label="Blocked"
                  items={p.blocked.map((b) => ({
                    key: b.task,
                    content: (
                      <>
                        {title(b.task)}
                        <span className="muted">
                          {' '}
                          · {[...(b.marked ? ['marked blocked'] : []), ...(b.waitingOn.length ? [`waiting on ${b.waitingOn.map(title).join(', ')}`] : [])].join('; ')}
                        </span>
                      </>
                    ),
                  }))}
                />
                <FactList scope={n} label="Completed since last session" items={p.completed.map((c) => ({ key: c.id, content: <>{title(c.id)} <When at={c.at} /></> }))} />
                <FactList
                  scope={n} label="Upcoming"
                  items={p.upcoming.map((u) => ({ key: u.task, content: <>{title(u.task)}{u.earlyStart !== undefined && analysis.schedule.ok && <span className="muted"> · {day(u.earlyStart)}</span>}</> }))}
                />
              </article>
            );
          })}
        </div>
      )}

      <div className="prefill__facts">
        <div>
          <h4 className="prefill__heading">Cross-persona dependencies</h4>
          <FactList
            scope="Dependencies" label="Open"
            items={prefill.identified.map((d) => ({ key: d.edge, content: <>{title(d.target)} <span className="muted">({name(d.blockedPersona)})</span> waits on {title(d.source)} <span className="muted">({name(d.blockingPersona)})</span></> }))}
          />
          <FactList
            scope="Dependencies" label="Resolved since"
            items={prefill.resolved.map((r) => ({ key: r.dependency.edge, content: <>{title(r.dependency.target)} ← {title(r.dependency.source)} <When at={r.at} /></> }))}
          />
        </div>
        <div>
          <h4 className="prefill__heading">Handoffs</h4>
          <FactList
            scope="Handoffs" label="Pending"
            items={prefill.pendingHandoffs.map((h) => {
              const handoff = snapshot.handoffs.get(h.id)!;
              return { key: h.id, content: <>{title(handoff.task)} <span className="muted">{name(handoff.from)} → {name(handoff.to)}{handoff.due ? ` · due ${formatWhen(handoff.due)}` : ''}</span></> };
            })}
          />
          <FactList
            scope="Handoffs" label="Completed since"
            items={prefill.completedHandoffs.map((h) => {
              const handoff = snapshot.handoffs.get(h.id)!;
              return { key: h.id, content: <>{title(handoff.task)} <span className="muted">{name(handoff.from)} → {name(handoff.to)}</span> <When at={h.at} /></> };
            })}
          />
        </div>
        <div>
          <h4 className="prefill__heading">Artifacts and contracts</h4>
          <FactList scope="Artifacts" label="New" items={prefill.artifactsCreated.map((a) => ({ key: a.id, content: <>{title(a.id)} <When at={a.at} /></> }))} />
          <FactList
            scope="Artifacts" label="Contract updates"
            items={prefill.contractUpdates.map((c) => ({ key: c.id, content: <>{title(c.id)} <span className="muted">{c.from ? `${c.from} → ${c.to}` : `new, ${c.to}`}</span> <When at={c.at} /></> }))}
          />
        </div>
        <div>
          <h4 className="prefill__heading">Risks</h4>
          <FactList scope="Risks" label="Opened since" items={prefill.risksOpened.map((r) => ({ key: r.id, content: <>{title(r.id)}{!r.open && <span className="muted"> (closed since)</span>} <When at={r.at} /></> }))} />
        </div>
      </div>
    </section>
  );
}
