import type { PlanNode, PlanSnapshot } from '../model';
import { computeSchedule, workstreamOf } from '../planning';
import { byKeys, compareText } from './exportContext';

// A Mermaid flowchart of the plan: workstreams as subgraphs, dependencies as edges, the
// critical path in red. Text only, built line by line (Mermaid is not markdown, so the
// mdast builders do not apply); every piece of user text goes through `mermaidLabel`.

/** Colour of the critical path, the same red the canvas uses. */
const CRITICAL_STYLE = 'stroke:#dc2626,stroke-width:3px';

/** Characters Mermaid would read as syntax or markup inside a label, as its entity codes. */
const LABEL_ENTITIES: Readonly<Record<string, string>> = {
  '#': '#35;',
  '"': '#quot;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '[': '#91;',
  ']': '#93;',
  '(': '#40;',
  ')': '#41;',
  '{': '#123;',
  '}': '#125;',
  '|': '#124;',
  '`': '#96;',
};

/**
 * Text made safe inside a quoted Mermaid label: line breaks become spaces, and quotes,
 * brackets, `|`, `#` and markup characters become Mermaid entity codes (`#quot;`, `#91;`).
 */
export function mermaidLabel(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[#"&<>[\](){}|`]/g, (c) => LABEL_ENTITIES[c]!)
    .trim();
}

/**
 * Mermaid node ids for plan ids: `n_` and the id with every character outside [A-Za-z0-9_]
 * as `_` (the prefix keeps clear of keywords such as `end`); ids that collide get `_2`, `_3`,
 * ... in code-unit order of the plan ids, so the mapping depends only on the set of ids.
 */
export function mermaidIds(ids: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const id of [...new Set(ids)].sort(compareText)) {
    const base = `n_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let candidate = base;
    for (let n = 2; used.has(candidate); n++) candidate = `${base}_${n}`;
    used.add(candidate);
    out.set(id, candidate);
  }
  return out;
}

/** A node's shape by kind: milestones as hexagons, gates as rhombi, the feature as a stadium. */
function shape(node: PlanNode, label: string): string {
  const q = `"${label}"`;
  switch (node.kind) {
    case 'feature':
      return `([${q}])`;
    case 'milestone':
      return `{{${q}}}`;
    case 'gate':
      return `{${q}}`;
    case 'risk':
      return `>${q}]`;
    case 'decision':
      return `[/${q}/]`;
    case 'artifact':
      return `[(${q})]`;
    default:
      return `[${q}]`;
  }
}

// Plain nodes before workstreams at each level, so a level's own nodes are not scattered between boxes.
const byTitleThenId = byKeys<PlanNode>(
  (n) => (n.kind === 'workstream' ? '1' : '0'),
  (n) => n.title,
  (n) => n.id,
);

/**
 * The plan as a Mermaid `flowchart LR`: each workstream a subgraph holding its members (a
 * workstream inside another nests), other nodes at the top level, one `-->` per dependency
 * (labelled with its type), critical-path edges and nodes styled red. Deterministic.
 */
export function exportMermaid(snapshot: PlanSnapshot): string {
  const ids = mermaidIds(snapshot.nodes.keys());
  const schedule = computeSchedule(snapshot);
  const criticalNodes = new Set(schedule.ok ? schedule.items.filter((i) => i.critical).map((i) => i.id) : []);
  const criticalEdges = schedule.ok ? schedule.criticalEdges : new Set<string>();

  // Members of each workstream (nearest workstream among the ancestors), and the top level.
  const members = new Map<string | null, PlanNode[]>();
  for (const node of snapshot.nodes.values()) {
    const ws = workstreamOf(snapshot.nodes, node);
    const list = members.get(ws);
    if (list) list.push(node);
    else members.set(ws, [node]);
  }
  for (const list of members.values()) list.sort(byTitleThenId);

  const lines: string[] = ['---', `title: ${JSON.stringify(snapshot.meta.title)}`, '---', 'flowchart LR'];
  const emitted = new Set<string>();
  const emit = (node: PlanNode, depth: number): void => {
    if (emitted.has(node.id)) return;
    emitted.add(node.id);
    const pad = '  '.repeat(depth);
    const id = ids.get(node.id)!;
    if (node.kind !== 'workstream') {
      lines.push(`${pad}${id}${shape(node, mermaidLabel(node.title))}`);
      return;
    }
    lines.push(`${pad}subgraph ${id} ["${mermaidLabel(node.title)}"]`);
    for (const member of members.get(node.id) ?? []) emit(member, depth + 1);
    lines.push(`${pad}end`);
  };
  for (const node of members.get(null) ?? []) emit(node, 1);
  // Workstreams whose parents form a loop (a merge of two offline moves can do that) have no
  // top-level ancestor; they still appear, at the top level.
  for (const node of [...snapshot.nodes.values()].sort(byTitleThenId)) emit(node, 1);

  const edges = [...snapshot.edges.values()].filter((e) => ids.has(e.source) && ids.has(e.target)).sort(byKeys((e) => e.id));
  const critical: number[] = [];
  edges.forEach((e, index) => {
    const label = e.type ? `|"${e.type}"|` : '';
    lines.push(`  ${ids.get(e.source)!} -->${label} ${ids.get(e.target)!}`);
    if (criticalEdges.has(e.id)) critical.push(index);
  });

  const criticalIds = [...criticalNodes].filter((id) => ids.has(id)).sort(compareText);
  if (criticalIds.length) {
    lines.push(`  classDef critical ${CRITICAL_STYLE}`);
    lines.push(`  class ${criticalIds.map((id) => ids.get(id)!).join(',')} critical`);
  }
  if (critical.length) lines.push(`  linkStyle ${critical.join(',')} ${CRITICAL_STYLE}`);
  return `${lines.join('\n')}\n`;
}
