import type { PactStatus, StatusBroadcast } from '../../model';
import { clean, whenMs, workingDaysBetweenTimes } from './workingTime';

/** A blocking issue agents named, and how many broadcasts named it. */
export interface IssueCount {
  readonly issue: string;
  readonly count: number;
}

/** What one agent's status broadcasts say, as of `asOf`. */
export interface AgentEvidence {
  readonly agent: string;
  /** Distinct broadcasts received up to `asOf`. */
  readonly broadcasts: number;
  readonly completed: number;
  readonly errors: number;
  /** completed / broadcasts. */
  readonly completionRate: number;
  /** errors / broadcasts. */
  readonly errorRate: number;
  /** Working days from each `blocked` broadcast to the agent's next one (the last to `asOf`). */
  readonly blockedDays: number;
  /** Distinct `current_task` values the agent reported, and those it reported completed. */
  readonly tasksReported: number;
  readonly tasksCompleted: number;
  readonly lastStatus: PactStatus['status'];
  readonly lastAt: string;
  /** Blocking issues named, most often first (ties by text). */
  readonly blockingIssues: readonly IssueCount[];
}

const byCountThenText = (a: IssueCount, b: IssueCount) => b.count - a.count || (a.issue < b.issue ? -1 : a.issue > b.issue ? 1 : 0);

/** Issues counted over broadcasts, most often first. */
export function countIssues(broadcasts: readonly StatusBroadcast[]): IssueCount[] {
  const counts = new Map<string, number>();
  for (const b of broadcasts) for (const issue of new Set(b.status.blocking_issues ?? [])) counts.set(issue, (counts.get(issue) ?? 0) + 1);
  return [...counts].map(([issue, count]) => ({ issue, count })).sort(byCountThenText);
}

/**
 * Per-agent figures from status broadcasts: copies (same id) count once, broadcasts after
 * `asOf` are left out, and each agent's are taken in receive order (ties by id), whatever
 * order the document holds them in. Agents sorted by id.
 */
export function agentEvidence(broadcasts: readonly StatusBroadcast[], asOfMs: number): { agents: AgentEvidence[]; distinct: StatusBroadcast[] } {
  const seen = new Set<string>();
  const byAgent = new Map<string, { b: StatusBroadcast; ms: number }[]>();
  const distinct: StatusBroadcast[] = [];
  for (const b of broadcasts) {
    if (seen.has(b.id)) continue;
    seen.add(b.id);
    const ms = whenMs(b.receivedAt);
    if (!(ms <= asOfMs)) continue;
    distinct.push(b);
    const list = byAgent.get(b.status.agent_id);
    if (list) list.push({ b, ms });
    else byAgent.set(b.status.agent_id, [{ b, ms }]);
  }
  const agents: AgentEvidence[] = [];
  for (const [agent, list] of byAgent) {
    list.sort((x, y) => x.ms - y.ms || (x.b.id < y.b.id ? -1 : x.b.id > y.b.id ? 1 : 0));
    let completed = 0;
    let errors = 0;
    let blocked = 0;
    const reported = new Set<string>();
    const done = new Set<string>();
    for (let i = 0; i < list.length; i++) {
      const { b, ms } = list[i]!;
      const s = b.status;
      if (s.status === 'completed') completed++;
      if (s.status === 'error') errors++;
      if (s.status === 'blocked') blocked += workingDaysBetweenTimes(ms, i + 1 < list.length ? list[i + 1]!.ms : asOfMs);
      if (s.current_task) {
        reported.add(s.current_task);
        if (s.status === 'completed') done.add(s.current_task);
      }
    }
    const last = list[list.length - 1]!.b;
    agents.push({
      agent,
      broadcasts: list.length,
      completed,
      errors,
      completionRate: completed / list.length,
      errorRate: errors / list.length,
      blockedDays: clean(blocked),
      tasksReported: reported.size,
      tasksCompleted: done.size,
      lastStatus: last.status.status,
      lastAt: last.receivedAt,
      blockingIssues: countIssues(list.map((x) => x.b)),
    });
  }
  agents.sort((a, b) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0));
  return { agents, distinct };
}
