import type { CoordinationSession, NodeKind, NodeOfKind, Persona, PlanNode, PlanSnapshot } from '../model';
import { analysePlanOnDemand, compareText, type PlanAnalysis, type Schedule } from '../planning';

// Shared by every exporter. Exporters never read the clock and never depend on the order a
// document happens to hold its entries in: the same plan always gives the same bytes.

/** What an exporter may be told beyond the plan itself. */
export interface ExportOptions {
  /** The day the document describes, YYYY-MM-DD; defaults to the latest date recorded in the plan. */
  readonly asOf?: string;
  /** The coordination session an exporter focuses on, where it has one. */
  readonly sessionId?: string;
  /** The plan's schedule when the caller has computed it from this very snapshot already. */
  readonly schedule?: Schedule;
}

/** Everything an exporter reads: the plan, its analysis as of `asOf`, and lookup helpers. */
export interface ExportContext {
  readonly snapshot: PlanSnapshot;
  readonly analysis: PlanAnalysis;
  /** YYYY-MM-DD, or undefined when the plan records no date at all ("not recorded"). */
  readonly asOf: string | undefined;
  readonly options: ExportOptions;
  /** Personas sorted by name, then id. */
  readonly personas: readonly Persona[];
  /** Coordination sessions sorted by date, then id. */
  readonly sessions: readonly CoordinationSession[];
  /** A persona's name, or its id when it no longer exists. */
  personaName(id: string): string;
  /** Names of several personas, in the order given, unknown ids as themselves. */
  personaNames(ids: readonly string[] | undefined): string[];
  /** A node's title, or its id when it no longer exists. */
  nodeTitle(id: string): string;
  /** Nodes of one kind sorted by title, then id (a fresh array the caller may reorder). */
  nodesOfKind<K extends NodeKind>(kind: K): NodeOfKind<K>[];
}

/** Code-unit order of two strings (re-exported for the exporters). */
export { compareText };

/** A comparator by several string keys in turn, each in code-unit order. */
export function byKeys<T>(...keys: readonly ((value: T) => string)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const c = compareText(key(a), key(b));
      if (c) return c;
    }
    return 0;
  };
}

/** The calendar-day part of a date or an ISO date-time, as written. */
const dayOf = (when: string): string => when.slice(0, 10);

/**
 * The latest day the plan records: activity, received broadcasts and coordination sessions;
 * without any, the timeline start; otherwise undefined.
 */
export function latestPlanDate(snapshot: PlanSnapshot): string | undefined {
  let latest: string | undefined;
  const see = (when: string | undefined) => {
    if (!when) return;
    const day = dayOf(when);
    if (/^\d{4}-\d{2}-\d{2}$/.test(day) && (latest === undefined || day > latest)) latest = day;
  };
  for (const a of snapshot.activity) see(a.at);
  for (const b of snapshot.broadcasts) see(b.receivedAt);
  for (const s of snapshot.sessions.values()) see(s.date);
  return latest ?? snapshot.meta.timelineStart;
}

/** Builds the context an exporter works from; `options.asOf` wins over the plan's latest date. */
export function exportContext(snapshot: PlanSnapshot, options: ExportOptions = {}): ExportContext {
  const asOf = options.asOf ?? latestPlanDate(snapshot);
  // Each exporter reads only some of the analysis; the rest is never computed.
  const analysis = analysePlanOnDemand(snapshot, asOf, { schedule: options.schedule });
  const personaName = (id: string) => snapshot.personas.get(id)?.name ?? id;
  // Nodes grouped by kind in one pass, each kind sorted the first time it is asked for.
  const byKind = new Map<NodeKind, PlanNode[]>();
  for (const n of snapshot.nodes.values()) (byKind.get(n.kind) ?? byKind.set(n.kind, []).get(n.kind)!).push(n);
  const sorted = new Set<NodeKind>();
  const nodesOfKind = <K extends NodeKind>(kind: K): NodeOfKind<K>[] => {
    const nodes = (byKind.get(kind) ?? []) as NodeOfKind<K>[];
    if (!sorted.has(kind)) {
      nodes.sort((a, b) => compareText(a.title, b.title) || compareText(a.id, b.id));
      sorted.add(kind);
    }
    return nodes.slice();
  };
  return {
    snapshot,
    analysis,
    asOf,
    options,
    personas: [...snapshot.personas.values()].sort(
      byKeys(
        (p) => p.name,
        (p) => p.id,
      ),
    ),
    sessions: [...snapshot.sessions.values()].sort(
      byKeys(
        (s) => s.date,
        (s) => s.id,
      ),
    ),
    personaName,
    personaNames: (ids) => (ids ?? []).map(personaName),
    nodeTitle: (id) => snapshot.nodes.get(id)?.title ?? id,
    nodesOfKind,
  };
}
