import type { List, ListItem, Paragraph, RootContent, Table } from 'mdast';
import { FEATURE_PLAN_PLAYBOOK, UNASSIGNED } from '../export/featurePlan';
import { formatProblems, parsePlanJson, PLAN_JSON_FORMAT, PLAN_JSON_VERSION, type PlanJson, type TaskStatus } from '../model';
import {
  blocksToMarkdown,
  describeBlock,
  IdAllocator,
  isNothingRecorded,
  labelOf,
  lineOf,
  nameKey,
  oneLine,
  parseMarkdown,
  plainText,
  splitSections,
  type DocumentSection,
} from './markdownBlocks';

// Reads a filled-in "Coordinate Multi-Persona Feature" document back into a plan: the one
// exportFeaturePlan writes, and one written by hand from the template (its code-block tree
// `Feature: X / ├── Group (Persona) / │   ├── Component` and its matrix, in a table or in a
// code block). Whatever it cannot read goes into the report, never silently away.

/** What importing a feature-plan document gives: a plan and what could not be read, or why it is not a feature plan. */
export type FeaturePlanImport = { readonly plan: PlanJson; readonly report: readonly string[] } | { readonly error: string };

type SectionKey =
  | 'header'
  | 'purpose'
  | 'inputs'
  | 'activities'
  | 'decomposition'
  | 'dependencies'
  | 'workstreams'
  | 'integration'
  | 'communication'
  | 'conflicts'
  | 'progress'
  | 'quality'
  | 'computed';

/** Which section a heading starts, by the words of the template's heading (numbering ignored). */
function sectionKey(title: string): SectionKey | null {
  const t = title
    .toLowerCase()
    .replace(/^\s*\d+\s*[.)]\s*/, '')
    .trim();
  if (t.includes('coordinate multi-persona feature')) return 'header';
  if (t === 'purpose') return 'purpose';
  if (t.includes('required inputs')) return 'inputs';
  if (t === 'key activities') return 'activities';
  if (t.includes('feature decomposition')) return 'decomposition';
  if (t.includes('dependency mapping')) return 'dependencies';
  if (t.includes('parallel workstream')) return 'workstreams';
  if (t.includes('integration point')) return 'integration';
  if (t.includes('communication') && t.includes('sync')) return 'communication';
  if (t.includes('conflict resolution')) return 'conflicts';
  if (t.includes('progress tracking')) return 'progress';
  if (t.includes('quality coordination')) return 'quality';
  if (['deliverables', 'coordination plan document', 'tracking artifacts', 'technical artifacts', 'success criteria', 'next steps'].includes(t)) return 'computed';
  return null;
}

/** Labels of computed content the exporter writes; they are derived from the plan, so nothing is lost by not reading them. */
const COMPUTED_LABELS = new Set(
  ['critical path', 'not estimated', 'cross-persona dependencies', 'status report', 'overall progress', 'workstream status', 'key accomplishments', 'blockers & risks', 'next focus'].map(nameKey),
);

const NO_PERSONA = new Set(['', UNASSIGNED, 'not assigned', 'none', 'not recorded', 'nobody', '—', '-', 'n/a', 'tbd']);
const EMPTY_CELL = new Set(['', 'none', '—', '-', 'n/a', 'nothing']);
const ARTIFACT_STATUSES = new Set(['draft', 'proposed', 'agreed', 'changed', 'retired']);

type Draft = Record<string, unknown> & { id: string; kind: string; title: string };

/** One item of a decomposition tree, from a markdown list or a code-block drawing. */
interface TreeItem {
  readonly text: string;
  /** The bold title of a list item (`**Backend** (...)`): a workstream in the exporter's layout. */
  readonly strongTitle?: string;
  readonly rest: string;
  readonly children: TreeItem[];
  readonly where: string;
}

/** The plan being built, and the report of what was not read. */
class PlanBuilder {
  /** What could not be read, with the line it is on (0 when none) so the report reads in document order. */
  private readonly notes: { line: number; text: string }[] = [];
  /** Whole-document remarks, after the notes. */
  readonly report: string[] = [];
  readonly ids = new IdAllocator();
  readonly meta: { title?: string; requirements?: string; phase?: string; timelineStart?: string; timelineEnd?: string; agentEcosystem?: string } = {};
  readonly personas: Record<string, unknown>[] = [];
  private readonly personaByName = new Map<string, string>();
  /** Available Resources listed personas: names outside it are worth a word in the report. */
  declared = false;
  readonly undeclared: string[] = [];
  readonly nodes: Draft[] = [];
  private readonly byName = new Map<string, Map<string, Draft>>();
  readonly edges = new Map<string, { id: string; kind: 'dependency'; source: string; target: string }>();
  readonly playbook: Record<string, string> = {};
  readonly computed: string[] = [];

  note(section: string, message: string, where = ''): void {
    this.notes.push({ line: Number(/\d+/.exec(where)?.[0] ?? 0), text: `${section}: ${message}${where ? ` (${where})` : ''}` });
  }

  /** The notes in document order (stable for the same line), then the whole-document remarks. */
  fullReport(): string[] {
    return [...this.notes.map((n, i) => ({ ...n, i })).sort((a, b) => a.line - b.line || a.i - b.i).map((n) => n.text), ...this.report];
  }

  /** Declares a persona from Available Resources. */
  declarePersona(name: string, fields: { kind?: 'human' | 'agent'; role?: string; capacity?: number }, section: string, where: string): void {
    const key = nameKey(name);
    if (this.personaByName.has(key)) return this.note(section, `persona "${name}" is listed twice; the first entry is kept`, where);
    const id = this.ids.take('', name);
    this.personaByName.set(key, id);
    this.personas.push({ id, name: oneLine(name), kind: fields.kind ?? 'human', role: fields.role, capacity: fields.capacity });
  }

  /** The id of a named persona, added when new; undefined for "unassigned" and the like. */
  persona(name: string, section: string, where: string): string | undefined {
    const clean = oneLine(name);
    if (NO_PERSONA.has(clean.toLowerCase())) return undefined;
    const known = this.personaByName.get(nameKey(clean));
    if (known) return known;
    const id = this.ids.take('', clean);
    this.personaByName.set(nameKey(clean), id);
    this.personas.push({ id, name: clean, kind: 'human' });
    if (this.declared) this.note(section, `"${clean}" is not among the Available Resources; added as a persona`, where);
    else this.undeclared.push(clean);
    return id;
  }

  /** Adds a node; the first of two nodes of a kind with the same title is the one names refer to. */
  node(kind: string, title: string, fields: Record<string, unknown>, section: string, where: string): Draft {
    let clean = oneLine(title);
    if (clean.length > 500) {
      this.note(section, `title "${clean.slice(0, 40)}..." is longer than 500 characters; cut`, where);
      clean = clean.slice(0, 500);
    }
    const prefix = { feature: 'f-', workstream: 'ws-', task: 't-', milestone: 'm-', gate: 'g-', decision: 'd-', artifact: 'a-', risk: 'r-' }[kind] ?? 'n-';
    const draft: Draft = { id: this.ids.take(prefix, clean), kind, title: clean, ...fields };
    this.nodes.push(draft);
    const names = this.byName.get(kind) ?? this.byName.set(kind, new Map()).get(kind)!;
    if (names.has(nameKey(clean))) this.note(section, `two ${kind}s are named "${clean}"; names in the matrix refer to the first`, where);
    else names.set(nameKey(clean), draft);
    return draft;
  }

  /** The node a name in the matrix means: a task, else a milestone, gate, workstream or feature. */
  find(name: string): Draft | undefined {
    for (const kind of ['task', 'milestone', 'gate', 'workstream', 'feature']) {
      const found = this.byName.get(kind)?.get(nameKey(name));
      if (found) return found;
    }
    return undefined;
  }

  /** Whether a name (any kind) is known, for splitting comma lists whose names contain commas. */
  knows(name: string): boolean {
    return this.find(name) !== undefined;
  }

  named(kind: string, name: string): Draft | undefined {
    return this.byName.get(kind)?.get(nameKey(name));
  }

  firstOf(kind: string): Draft | undefined {
    return this.nodes.find((n) => n.kind === kind);
  }

  depend(source: Draft, target: Draft, section: string, where: string): void {
    if (source.id === target.id) return this.note(section, `"${source.title}" cannot depend on itself; ignored`, where);
    const id = `e-${source.id}--${target.id}`;
    if (!this.edges.has(id)) this.edges.set(id, { id, kind: 'dependency', source: source.id, target: target.id });
  }
}

/** Blocks of a section with the `**Label**:` paragraph each one follows. */
interface LabelledBlock {
  readonly label: string | null;
  readonly block: RootContent;
}

/** Walks a section's blocks, tracking labels; label-only paragraphs and "nothing recorded" notes are consumed. */
function labelledBlocks(section: DocumentSection): { labels: Paragraph[]; blocks: LabelledBlock[] } {
  const labels: Paragraph[] = [];
  const blocks: LabelledBlock[] = [];
  let label: string | null = null;
  for (const block of section.blocks) {
    if (isNothingRecorded(block)) continue;
    if (block.type === 'paragraph') {
      const l = labelOf(block);
      if (l && !l.value) {
        label = l.label;
        labels.push(block);
        continue;
      }
    }
    blocks.push({ label, block });
  }
  return { labels, blocks };
}

/** The text of a list item's first paragraph, and its nested lists. */
function itemParts(li: ListItem): { paragraph: Paragraph | undefined; text: string; lists: List[]; other: RootContent[] } {
  const [first, ...rest] = li.children;
  const paragraph = first?.type === 'paragraph' ? first : undefined;
  const lists: List[] = [];
  const other: RootContent[] = [];
  for (const c of paragraph ? rest : li.children) (c.type === 'list' ? lists : other).push(c as RootContent);
  return { paragraph, text: paragraph ? oneLine(plainText(paragraph)) : '', lists, other };
}

/** `Label: value` of a field item (`Lead: Architect`, `Deliverables:` with a nested list). */
function fieldOf(li: ListItem): { label: string; value: string; lists: List[] } | null {
  const { paragraph, text, lists } = itemParts(li);
  if (!paragraph) return null;
  const l = labelOf(paragraph);
  if (l) return { label: l.label, value: oneLine(l.value), lists };
  const m = /^([^:]{1,40}):\s*(.*)$/.exec(text);
  return m ? { label: m[1]!.trim(), value: m[2]!.trim(), lists } : null;
}

/** Names in a comma list; commas inside a known name (`Build, test and ship`) are kept together. */
function splitNames(text: string, knows: (name: string) => boolean): string[] {
  const clean = oneLine(text);
  if (EMPTY_CELL.has(clean.toLowerCase())) return [];
  if (knows(clean)) return [clean];
  const parts = clean.split(',').map((p) => p.trim());
  const out: string[] = [];
  for (let i = 0; i < parts.length; ) {
    let taken = 1;
    for (let j = parts.length; j > i + 1; j--) {
      if (knows(parts.slice(i, j).join(', '))) {
        taken = j - i;
        break;
      }
    }
    const name = parts.slice(i, i + taken).join(', ');
    if (name && !EMPTY_CELL.has(name.toLowerCase())) out.push(name);
    i += taken;
  }
  return out;
}

/** Persona names in a tree line's parentheses: `(Lead, Support)` or `(support: A, B)`. */
function parenNames(text: string): { names: string[]; supportOnly: boolean } {
  let inner = text.trim();
  const supportOnly = /^support\s*:/i.test(inner);
  if (supportOnly) inner = inner.replace(/^support\s*:/i, '');
  return { names: inner.split(',').map((s) => s.trim()).filter(Boolean), supportOnly };
}

/** A task line: `Title (Owner) — status, 3 days, 60% done`, every part after the title optional. */
function parseTaskLine(text: string): { title: string; paren: string | null; status?: TaskStatus; estimateDays?: number; progress?: number } {
  let rest = oneLine(text);
  const out: { title: string; paren: string | null; status?: TaskStatus; estimateDays?: number; progress?: number } = { title: rest, paren: null };
  const details = /\s+[—–]\s+(todo|active|blocked|done)((?:,\s*[\d.]+\s+days?)?)((?:,\s*[\d.]+%\s+done)?)$/i.exec(rest);
  if (details) {
    out.status = details[1]!.toLowerCase() as TaskStatus;
    const days = /([\d.]+)/.exec(details[2] ?? '');
    if (days) out.estimateDays = Number(days[1]);
    const progress = /([\d.]+)/.exec(details[3] ?? '');
    if (progress) out.progress = Number(progress[1]);
    rest = rest.slice(0, details.index);
  }
  const parens = /^(.*\S)\s*\(([^()]*)\)$/.exec(rest);
  if (parens) {
    out.paren = parens[2]!;
    rest = parens[1]!;
  }
  out.title = rest.trim();
  return out;
}

/** The decomposition tree of a markdown list. */
function treeFromList(list: List): TreeItem[] {
  return list.children.map((li) => {
    const { paragraph, text, lists } = itemParts(li);
    const first = paragraph?.children[0];
    const strongTitle = first?.type === 'strong' ? oneLine(plainText(first)) : undefined;
    const rest = paragraph && strongTitle !== undefined ? oneLine(plainText(paragraph.children.slice(1))) : '';
    return { text, strongTitle, rest, children: lists.flatMap(treeFromList), where: lineOf(li) };
  });
}

// Drawing characters of a code-block tree: box drawing (├── │ └──) and ASCII (|-- +-- `--).
const TREE_PREFIX = /^(?:[ \t│├└┬┼─|`+\\]|--)*/;

/** Whether a code block draws a decomposition tree. */
const looksLikeTree = (code: string): boolean => /^\s*feature\s*:/im.test(code) || /[├└]──/.test(code);

/** The decomposition tree drawn in a code block; depth comes from the indent (four columns a level). */
function treeFromCode(code: string, startLine: number): TreeItem[] {
  const roots: TreeItem[] = [];
  const stack: { depth: number; item: TreeItem }[] = [];
  code.split(/\r?\n/).forEach((line, i) => {
    const prefix = TREE_PREFIX.exec(line)![0];
    const text = oneLine(line.slice(prefix.length));
    if (!text) return;
    const depth = Math.round(prefix.replace(/\t/g, '    ').length / 4);
    const item: TreeItem = { text, rest: '', children: [], where: `line ${startLine + i + 1}` };
    while (stack.length && stack[stack.length - 1]!.depth >= depth) stack.pop();
    (stack.length ? stack[stack.length - 1]!.item.children : roots).push(item);
    stack.push({ depth, item });
  });
  return roots;
}

const SECTION_NAMES: Record<SectionKey, string> = {
  header: 'Header',
  purpose: 'Purpose',
  inputs: 'Required Inputs',
  activities: 'Key Activities',
  decomposition: '1. Feature Decomposition & Analysis',
  dependencies: '2. Dependency Mapping',
  workstreams: '3. Parallel Workstream Planning',
  integration: '4. Integration Point Definition',
  communication: '5. Communication & Sync Strategy',
  conflicts: '6. Conflict Resolution Process',
  progress: '7. Progress Tracking & Reporting',
  quality: '8. Quality Coordination',
  computed: 'Deliverables',
};

/** Reads the `**Label**: value` lines of the header block. */
function readHeader(b: PlanBuilder, paragraph: Paragraph, section: string): boolean {
  const lines: RootContent[][] = [[]];
  for (const child of paragraph.children) {
    if (child.type === 'break') lines.push([]);
    else if (child.type === 'text' && child.value.includes('\n')) {
      child.value.split('\n').forEach((part, i) => {
        if (i) lines.push([]);
        if (part) lines[lines.length - 1]!.push({ type: 'text', value: part } as RootContent);
      });
    } else lines[lines.length - 1]!.push(child as RootContent);
  }
  const fields = lines
    .filter((l) => l.length)
    .map((children) => labelOf({ type: 'paragraph', children: children as Paragraph['children'] }));
  if (!fields.length || fields.some((f) => f === null)) return false;
  for (const f of fields as { label: string; value: string }[]) {
    const value = oneLine(f.value);
    const key = nameKey(f.label);
    if (key === 'feature') b.meta.title ??= value;
    else if (key === 'phase') {
      if (value && value.toLowerCase() !== 'not recorded') b.meta.phase = value;
    } else if (key === 'persona' || key === 'prerequisites' || key === 'as of') continue;
    else b.note(section, `header line "${f.label}" is not part of the template; not read`, lineOf(paragraph));
  }
  return true;
}

/** A persona line of Available Resources: `Architect — human, 3 days per week: API design`, or looser forms. */
function readPersonaLine(b: PlanBuilder, text: string, section: string, where: string): void {
  const exact = /^(.+?) — (human|agent), (?:([\d.]+) days? per week|capacity not set)(?::\s*(.*))?$/.exec(text);
  if (exact) {
    const capacity = exact[3] !== undefined ? Number(exact[3]) : undefined;
    b.declarePersona(exact[1]!, { kind: exact[2] as 'human' | 'agent', capacity: checkedCapacity(b, capacity, section, where), role: exact[4] || undefined }, section, where);
    return;
  }
  const name = /^([^(:—–]+)/.exec(text)?.[1]?.trim();
  if (!name) return b.note(section, `cannot read the persona line "${text}"`, where);
  const rest = text.slice(name.length);
  const days = /([\d.]+)\s*days?/i.exec(rest);
  b.declarePersona(name, { kind: /\bagent\b/i.test(rest) ? 'agent' : 'human', capacity: checkedCapacity(b, days ? Number(days[1]) : undefined, section, where) }, section, where);
}

function checkedCapacity(b: PlanBuilder, capacity: number | undefined, section: string, where: string): number | undefined {
  if (capacity === undefined || !Number.isFinite(capacity)) return undefined;
  if (capacity > 7) {
    b.note(section, `capacity of ${capacity} days per week is more than 7; left unset`, where);
    return undefined;
  }
  return capacity;
}

function readInputs(b: PlanBuilder, section: DocumentSection, name: string, unread: (block: RootContent, why?: string) => void): void {
  for (const { block } of labelledBlocks(section).blocks) {
    if (block.type !== 'list') {
      unread(block);
      continue;
    }
    for (const li of block.children) {
      const field = fieldOf(li);
      const where = lineOf(li);
      const key = field ? nameKey(field.label) : '';
      if (!field) b.note(name, `cannot read the item "${itemParts(li).text}"`, where);
      else if (key === 'feature requirements') {
        if (field.value && field.value.toLowerCase() !== 'not recorded') b.meta.requirements = field.value;
      } else if (key === 'initial scope assessment') {
        if (!b.computed.includes('Initial Scope Assessment')) b.computed.push('Initial Scope Assessment');
      } else if (key === 'available resources') {
        const items = field.lists.flatMap((l) => l.children);
        if (items.length) b.declared = true;
        else if (!/^(\d+ personas?|no personas recorded)$/i.test(field.value)) b.note(name, `Available Resources "${field.value}" lists no personas; not read`, where);
        for (const p of items) readPersonaLine(b, itemParts(p).text, name, lineOf(p));
      } else if (key === 'timeline constraints') {
        const range = /(\d{4}-\d{2}-\d{2})\s+to\s+(\d{4}-\d{2}-\d{2})/.exec(field.value);
        const starts = /starts\s+(\d{4}-\d{2}-\d{2})/.exec(field.value);
        const ends = /ends\s+(\d{4}-\d{2}-\d{2})/.exec(field.value);
        if (range) [b.meta.timelineStart, b.meta.timelineEnd] = [range[1], range[2]];
        if (starts) b.meta.timelineStart = starts[1];
        if (ends) b.meta.timelineEnd = ends[1];
        if (!range && !starts && !ends && !/^not recorded/i.test(field.value)) b.note(name, `no dates (YYYY-MM-DD to YYYY-MM-DD) in Timeline Constraints "${field.value}"; not read`, where);
      } else if (key === 'agent ecosystem') {
        b.meta.agentEcosystem = field.value;
      } else b.note(name, `"${field.label}" is not an input of the template; not read`, where);
    }
  }
}

/** Purpose: the exporter's opening sentence is skipped, the requirements are known; other paragraphs describe the feature. */
function readPurpose(b: PlanBuilder, section: DocumentSection, name: string, unread: (block: RootContent, why?: string) => void): void {
  for (const { block } of labelledBlocks(section).blocks) {
    if (block.type !== 'paragraph') {
      unread(block);
      continue;
    }
    const text = plainText(block).trim();
    if (/^orchestrate the development of /i.test(oneLine(text))) continue;
    if (b.meta.requirements !== undefined && oneLine(text) === oneLine(b.meta.requirements)) {
      b.meta.requirements = text;
      continue;
    }
    const feature = b.nodes.find((n) => n.kind === 'feature' && n.description === undefined);
    if (feature) feature.description = text;
    else if (b.meta.requirements === undefined) b.meta.requirements = text;
    else unread(block);
  }
}

/** Turns a decomposition tree into feature, workstream and task nodes. */
function readTree(b: PlanBuilder, roots: readonly TreeItem[], name: string): void {
  const anyStrong = (items: readonly TreeItem[]): boolean => items.some((i) => i.strongTitle !== undefined || anyStrong(i.children));
  const strongStyle = anyStrong(roots);
  const visit = (item: TreeItem, parent: Draft | undefined, parentKind: 'root' | 'feature' | 'workstream' | 'task') => {
    const feature = /^feature\s*:\s*(.+)$/i.exec(item.text);
    if (feature && parentKind === 'root') {
      const node = b.node('feature', feature[1]!, {}, name, item.where);
      b.meta.title ??= node.title;
      for (const c of item.children) visit(c, node, 'feature');
      return;
    }
    const plain = item.strongTitle === undefined ? parseTaskLine(item.text) : undefined;
    // Bold marks a workstream in the exporter's layout; in a plain list or a drawn tree, an
    // item with children directly under the feature is a group (unless it carries a task's status).
    const group =
      parentKind !== 'task' &&
      (item.strongTitle !== undefined || (!strongStyle && (parentKind === 'root' || parentKind === 'feature') && item.children.length > 0 && plain?.status === undefined));
    if (group) {
      let title = item.strongTitle ?? plain!.title;
      let paren = plain?.paren ?? null;
      if (item.strongTitle !== undefined && item.rest) {
        const m = /^\((.*)\)$/.exec(item.rest.trim());
        if (m) paren = m[1]!;
        else b.note(name, `cannot read "${item.rest}" after workstream "${title}"; expected (Lead, Support...)`, item.where);
      }
      title = title.trim();
      if (!title) return b.note(name, 'a workstream without a title; skipped', item.where);
      const { names, supportOnly } = parenNames(paren ?? '');
      const ids = names.map((n) => b.persona(n, name, item.where)).filter((id): id is string => id !== undefined);
      const lead = supportOnly ? undefined : ids[0];
      const support = supportOnly ? ids : ids.slice(1);
      const node = b.node('workstream', title, { parent: parent?.id, lead, support: support.length ? support : undefined }, name, item.where);
      for (const c of item.children) visit(c, node, 'workstream');
      return;
    }
    const line = parseTaskLine(item.strongTitle !== undefined ? `${item.strongTitle} ${item.rest}` : item.text);
    if (!line.title) return b.note(name, `cannot read the component "${item.text}"; skipped`, item.where);
    const named = parenNames(line.paren ?? '').names;
    const owners = named.map((n) => b.persona(n, name, item.where)).filter((id): id is string => id !== undefined);
    if (owners.length > 1) b.note(name, `"${line.title}" names several personas; the first, ${named[0]}, owns it`, item.where);
    const node = b.node(
      'task',
      line.title,
      { parent: parent?.id, owner: owners[0], status: line.status, estimateDays: line.estimateDays, progress: line.progress !== undefined && line.progress <= 100 ? line.progress : undefined },
      name,
      item.where,
    );
    for (const c of item.children) visit(c, node, 'task');
  };
  for (const root of roots) visit(root, undefined, 'root');
}

function readDecomposition(b: PlanBuilder, section: DocumentSection, name: string, unread: (block: RootContent, why?: string) => void): boolean {
  let found = false;
  for (const { label, block } of labelledBlocks(section).blocks) {
    const treeLabel = label === null || nameKey(label).includes('decomposition');
    if (block.type === 'list' && treeLabel) {
      readTree(b, treeFromList(block), name);
      found = true;
    } else if (block.type === 'code' && looksLikeTree(block.value)) {
      readTree(b, treeFromCode(block.value, block.position?.start.line ?? 0), name);
      found = true;
    } else unread(block, label ? `under "${label}"` : undefined);
  }
  return found;
}

/** A parsed dependency matrix: rows of component, depends-on and blocks cells. */
interface MatrixRows {
  readonly rows: { component: string; dependsOn: string | null; blocks: string | null; where: string }[];
}

/** Whether a table's header is a dependency matrix's: Component and Depends On or Blocks. */
function isMatrix(table: Table): boolean {
  const columns = (table.children[0]?.children ?? []).map((c) => nameKey(plainText(c)));
  return columns.includes('component') && (columns.includes('depends on') || columns.includes('blocks'));
}

function readMatrixTable(b: PlanBuilder, table: Table, name: string, lineOffset = 0): MatrixRows | null {
  const [head, ...body] = table.children;
  if (!head || !isMatrix(table)) return null;
  const columns = head.children.map((c) => nameKey(plainText(c)));
  const component = columns.indexOf('component');
  const dependsOn = columns.indexOf('depends on');
  const blocks = columns.indexOf('blocks');
  const rows: MatrixRows['rows'] = [];
  for (const row of body) {
    const where = row.position ? `line ${row.position.start.line + lineOffset}` : '';
    const cells = row.children.map((c) => oneLine(plainText(c)));
    if (cells.length !== columns.length) b.note(name, `a matrix row has ${cells.length} cells where the header has ${columns.length}; read what is there`, where);
    const title = cells[component] ?? '';
    if (!title) {
      b.note(name, `a matrix row without a component ("${cells.join(' | ')}"); skipped`, where);
      continue;
    }
    rows.push({ component: title, dependsOn: dependsOn >= 0 ? (cells[dependsOn] ?? null) : null, blocks: blocks >= 0 ? (cells[blocks] ?? null) : null, where });
  }
  return { rows };
}

function readDependencies(b: PlanBuilder, section: DocumentSection, name: string, unread: (block: RootContent, why?: string) => void): boolean {
  const matrices: MatrixRows[] = [];
  for (const { label, block } of labelledBlocks(section).blocks) {
    const labelKey = label ? nameKey(label) : '';
    if (COMPUTED_LABELS.has(labelKey)) continue;
    if (block.type === 'paragraph') {
      const l = labelOf(block);
      if (l && COMPUTED_LABELS.has(nameKey(l.label))) continue;
      if (/^the dependencies form a cycle/i.test(oneLine(plainText(block)))) continue;
    }
    if (block.type === 'table') {
      const m = readMatrixTable(b, block, name);
      if (m) matrices.push(m);
      else unread(block, 'not a dependency matrix (Component | Depends On | Blocks | Critical Path)');
    } else if (block.type === 'code') {
      const table = parseMarkdown(block.value).children.find((c): c is Table => c.type === 'table');
      const m = table ? readMatrixTable(b, table, name, block.position?.start.line ?? 0) : null;
      if (m) matrices.push(m);
      else unread(block);
    } else unread(block, label ? `under "${label}"` : undefined);
  }
  for (const { rows } of matrices) {
    const added = new Set<string>();
    const resolve = (title: string, where: string): Draft => {
      const known = b.find(title);
      if (known) return known;
      const node = b.node('task', title, { parent: b.firstOf('feature')?.id }, name, where);
      if (!added.has(nameKey(title))) b.note(name, `"${node.title}" is in the dependency matrix but not in the decomposition tree; added as a task`, where);
      added.add(nameKey(title));
      return node;
    };
    for (const row of rows) resolve(row.component, row.where);
    for (const row of rows) {
      const self = resolve(row.component, row.where);
      const knows = (n: string) => b.knows(n);
      for (const dep of splitNames(row.dependsOn ?? '', knows)) b.depend(resolve(dep, row.where), self, name, row.where);
      for (const next of splitNames(row.blocks ?? '', knows)) b.depend(self, resolve(next, row.where), name, row.where);
    }
  }
  return matrices.length > 0;
}

/** A workstream's details: `**Title** (Week 1-2)` or `Workstream 1: Title (Week 1-2)` with Lead/Support/Deliverables fields. */
function readWorkstreamEntry(b: PlanBuilder, heading: string, fields: readonly ListItem[], name: string, where: string): void {
  let title = oneLine(heading).replace(/^workstream\s+\d+\s*:\s*/i, '');
  let startWeek: number | undefined;
  let endWeek: number | undefined;
  const weeks = /\s*\((?:(from|until)\s+)?weeks?\s+(\d+)(?:\s*[-–]\s*(\d+))?\)$/i.exec(title);
  if (weeks) {
    title = title.slice(0, weeks.index).trim();
    const a = Number(weeks[2]);
    const z = weeks[3] !== undefined ? Number(weeks[3]) : undefined;
    if (weeks[1]?.toLowerCase() === 'until') endWeek = a;
    else {
      startWeek = a;
      endWeek = weeks[1] ? undefined : (z ?? a);
    }
  }
  let ws = b.named('workstream', title);
  if (!ws) {
    ws = b.node('workstream', title, { parent: b.firstOf('feature')?.id }, name, where);
    b.note(name, `workstream "${ws.title}" is not in the decomposition tree; added`, where);
  }
  if (startWeek !== undefined && startWeek >= 1 && startWeek <= 520) ws.startWeek = startWeek;
  if (endWeek !== undefined && endWeek >= 1 && endWeek <= 520 && endWeek >= (startWeek ?? 1)) ws.endWeek = endWeek;
  for (const li of fields) {
    const field = fieldOf(li);
    const key = field ? nameKey(field.label) : '';
    const at = lineOf(li) || where;
    if (!field) b.note(name, `cannot read "${itemParts(li).text}" of workstream "${ws.title}"`, at);
    else if (key === 'lead') ws.lead = b.persona(field.value, name, at);
    else if (key === 'support') {
      const ids = splitNames(field.value, () => false)
        .map((n) => b.persona(n, name, at))
        .filter((id): id is string => id !== undefined && id !== ws.lead);
      ws.support = ids.length ? ids : undefined;
    } else if (key === 'deliverables') {
      const items = field.lists.flatMap((l) => l.children.map((c) => itemParts(c).text)).filter(Boolean);
      if (!items.length && field.value && !/^none/i.test(field.value)) items.push(...field.value.split(/\s*[;,]\s*/).filter(Boolean));
      ws.deliverables = items.length ? items : undefined;
    } else b.note(name, `"${field.label}" of workstream "${ws.title}" is not read`, at);
  }
}

function readWorkstreams(b: PlanBuilder, section: DocumentSection, name: string, unread: (block: RootContent, why?: string) => void): void {
  for (const { block } of labelledBlocks(section).blocks) {
    if (block.type === 'list') {
      for (const li of block.children) {
        const { text, lists } = itemParts(li);
        readWorkstreamEntry(b, text, lists.flatMap((l) => l.children), name, lineOf(li));
      }
    } else if (block.type === 'code' && /workstream/i.test(block.value)) {
      // The template's own layout: `## Workstream 1: Title (Week 1-2)` followed by its fields.
      const inner = parseMarkdown(block.value).children;
      const offset = block.position?.start.line ?? 0;
      let title: string | null = null;
      let titleLine = '';
      for (const c of inner) {
        const where = c.position ? `line ${c.position.start.line + offset}` : '';
        if (c.type === 'heading') {
          if (title !== null) readWorkstreamEntry(b, title, [], name, titleLine);
          title = plainText(c);
          titleLine = where;
        } else if (c.type === 'list' && title !== null) {
          readWorkstreamEntry(b, title, c.children, name, titleLine);
          title = null;
        } else b.note(name, `cannot read ${describeBlock(c)} in the workstream plan`, where);
      }
      if (title !== null) readWorkstreamEntry(b, title, [], name, titleLine);
    } else unread(block);
  }
}

/** Criteria from a checklist: `- [x] text` is done. */
const criteriaOf = (lists: readonly List[]) =>
  lists.flatMap((l) => l.children.map((c) => ({ text: itemParts(c).text, done: c.checked === true ? true : undefined }))).filter((c) => c.text);

function readMilestone(b: PlanBuilder, li: ListItem, name: string): void {
  const { text, lists } = itemParts(li);
  const where = lineOf(li);
  const fields: Record<string, unknown> = {};
  for (const f of lists.flatMap((l) => l.children)) {
    const field = fieldOf(f);
    const key = field ? nameKey(field.label) : '';
    if (key === 'due') {
      if (/^\d{4}-\d{2}-\d{2}$/.test(field!.value)) fields.due = field!.value;
      else if (!/^not set$/i.test(field!.value)) b.note(name, `due date "${field!.value}" of "${text}" is not YYYY-MM-DD; not read`, lineOf(f));
    } else if (key === 'description') fields.description = field!.value;
    else if (key === 'criteria') {
      const criteria = criteriaOf(field!.lists);
      if (criteria.length) fields.criteria = criteria;
    } else b.note(name, `cannot read "${itemParts(f).text}" of milestone "${text}"`, lineOf(f));
  }
  if (!text) return b.note(name, 'a milestone without a title; skipped', where);
  b.node('milestone', text, fields, name, where);
}

function readArtifacts(b: PlanBuilder, table: Table, name: string): boolean {
  const [head, ...body] = table.children;
  const columns = (head?.children ?? []).map((c) => nameKey(plainText(c)));
  const col = (n: string) => columns.indexOf(n);
  if (col('artifact') < 0) return false;
  for (const row of body) {
    const cells = row.children.map((c) => oneLine(plainText(c)));
    const where = lineOf(row);
    const cell = (n: string) => (col(n) >= 0 ? (cells[col(n)] ?? '') : '');
    if (!cell('artifact')) {
      b.note(name, 'an artifact row without a name; skipped', where);
      continue;
    }
    const status = cell('status').toLowerCase();
    if (status && !ARTIFACT_STATUSES.has(status) && status !== 'not recorded') b.note(name, `artifact status "${cell('status')}" is not one of draft, proposed, agreed, changed, retired; not read`, where);
    const usedBy = splitNames(cell('used by'), () => false)
      .map((n) => b.persona(n, name, where))
      .filter((id): id is string => id !== undefined);
    b.node(
      'artifact',
      cell('artifact'),
      {
        contract: cell('kind').toLowerCase() === 'contract' ? true : undefined,
        createdBy: b.persona(cell('created by'), name, where),
        usedBy: usedBy.length ? usedBy : undefined,
        status: ARTIFACT_STATUSES.has(status) ? status : undefined,
      },
      name,
      where,
    );
  }
  return true;
}

function readIntegration(b: PlanBuilder, section: DocumentSection, name: string, unread: (block: RootContent, why?: string) => void): void {
  for (const { label, block } of labelledBlocks(section).blocks) {
    const key = label ? nameKey(label) : '';
    if (block.type === 'list' && (key === '' || key.includes('integration timeline') || key.includes('milestone'))) {
      for (const li of block.children) readMilestone(b, li, name);
    } else if (block.type === 'table') {
      if (!readArtifacts(b, block, name)) unread(block, 'not an artifact table (Artifact | Kind | Created By | Used By | Status)');
    } else if (block.type === 'code' && /^\s*week\s+\d+\s*:/im.test(block.value)) {
      // The template's layout: `Week 3: Title` followed by `- criterion` lines.
      const inner = parseMarkdown(block.value).children;
      const offset = block.position?.start.line ?? 0;
      for (let i = 0; i < inner.length; i++) {
        const c = inner[i]!;
        const where = c.position ? `line ${c.position.start.line + offset}` : '';
        const m = c.type === 'paragraph' ? /^(week\s+\d+)\s*:\s*(.+)$/i.exec(oneLine(plainText(c))) : null;
        if (!m) {
          b.note(name, `cannot read ${describeBlock(c)} in the integration timeline`, where);
          continue;
        }
        const next = inner[i + 1];
        const criteria = next?.type === 'list' ? criteriaOf([next]) : [];
        if (next?.type === 'list') i++;
        b.node('milestone', m[2]!, { description: m[1], criteria: criteria.length ? criteria : undefined }, name, where);
      }
    } else unread(block, label ? `under "${label}"` : undefined);
  }
}

/** Playbook sections shown under a label in this section; a label's following blocks are its text. */
function readPlaybook(b: PlanBuilder, section: DocumentSection, sectionNo: number, name: string, other: (lb: LabelledBlock) => boolean, unread: (block: RootContent, why?: string) => void): void {
  const byLabel = new Map<string, string>(FEATURE_PLAN_PLAYBOOK.filter((p) => p.section === sectionNo).map((p) => [nameKey(p.label), p.key]));
  const add = (key: string, text: string) => {
    if (!text) return;
    b.playbook[key] = b.playbook[key] ? `${b.playbook[key]}\n\n${text}` : text;
  };
  for (const lb of labelledBlocks(section).blocks) {
    const { label, block } = lb;
    if (block.type === 'paragraph') {
      const l = labelOf(block);
      const key = l ? byLabel.get(nameKey(l.label)) : undefined;
      if (l && key) {
        add(key, l.value.trim());
        continue;
      }
      if (l && COMPUTED_LABELS.has(nameKey(l.label))) continue;
    }
    const key = label ? byLabel.get(nameKey(label)) : undefined;
    if (key) add(key, block.type === 'paragraph' ? plainText(block).trim() : block.type === 'code' ? block.value : blocksToMarkdown([block]));
    else if (other(lb)) continue;
    else if (label && COMPUTED_LABELS.has(nameKey(label))) continue;
    else unread(block, label ? `under "${label}"` : undefined);
  }
}

function readDecision(b: PlanBuilder, li: ListItem, name: string): void {
  const { text, lists } = itemParts(li);
  const fields: Record<string, unknown> = {};
  for (const f of lists.flatMap((l) => l.children)) {
    const field = fieldOf(f);
    const key = field ? nameKey(field.label) : '';
    if (key === 'positions') {
      const positions = field!.lists.flatMap((l) => l.children.map((c) => itemParts(c).text)).filter(Boolean);
      if (positions.length) fields.positions = positions;
    } else if (key === 'decided by' || key === 'owner') fields.owner = b.persona(field!.value, name, lineOf(f));
    else if (key === 'rationale') {
      if (!/^not recorded$/i.test(field!.value)) fields.rationale = field!.value;
    } else if (key === 'impact' || key === 'resolution') fields.impact = field!.value;
    else if (key === 'description') fields.description = field!.value;
    else b.note(name, `cannot read "${itemParts(f).text}" of decision "${text}"`, lineOf(f));
  }
  if (!text) return b.note(name, 'a decision without a title; skipped', lineOf(li));
  b.node('decision', text, fields, name, lineOf(li));
}

/** The template's example layout: `Conflict: X` then `- A wants: ...`, `- Resolution: ...`, `- Rationale: ...`. */
function readConflictCode(b: PlanBuilder, code: string, name: string, where: string): boolean {
  const lines = code.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const head = /^conflict\s*:\s*(.+)$/i.exec(lines[0] ?? '');
  if (!head) return false;
  const positions: string[] = [];
  const fields: Record<string, unknown> = {};
  for (const line of lines.slice(1)) {
    const m = /^[-*]\s*([^:]+):\s*(.*)$/.exec(line);
    const key = m ? nameKey(m[1]!) : '';
    if (!m) b.note(name, `cannot read "${line}" of conflict "${head[1]}"`, where);
    else if (key === 'resolution') fields.impact = m[2];
    else if (key === 'rationale') fields.rationale = m[2];
    else positions.push(`${m[1]!.replace(/\s+wants$/i, '')}: ${m[2]}`);
  }
  b.node('decision', head[1]!, { ...fields, positions: positions.length ? positions : undefined }, name, where);
  return true;
}

function readGate(b: PlanBuilder, li: ListItem, name: string): void {
  const { text, lists } = itemParts(li);
  const fields: Record<string, unknown> = {};
  for (const f of lists.flatMap((l) => l.children)) {
    const field = fieldOf(f);
    const key = field ? nameKey(field.label) : '';
    if (key === 'trigger') {
      if (!/^not recorded$/i.test(field!.value)) fields.trigger = field!.value;
    } else if (key === 'responsible') fields.responsible = b.persona(field!.value, name, lineOf(f));
    else if (key === 'criteria') {
      const criteria = criteriaOf(field!.lists);
      if (criteria.length) fields.criteria = criteria;
    } else if (key === 'on pass') fields.passAction = field!.value;
    else if (key === 'on fail') fields.failAction = field!.value;
    else b.note(name, `cannot read "${itemParts(f).text}" of quality gate "${text}"`, lineOf(f));
  }
  if (!text) return b.note(name, 'a quality gate without a title; skipped', lineOf(li));
  b.node('gate', text, fields, name, lineOf(li));
}

/** The template's layout: `Pre-Integration Checklist:` then `□ criterion` lines (☑ or [x] for met ones). */
function readGateCode(b: PlanBuilder, code: string, name: string, startLine: number): boolean {
  interface GateDraft {
    title: string;
    criteria: { text: string; done?: boolean }[];
    where: string;
  }
  let gate: GateDraft | null = null;
  const gates: GateDraft[] = [];
  const lines = code.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const where = `line ${startLine + i + 1}`;
    const criterion = /^(?:[-*]\s*)?(□|☐|☑|☒|✓|✔|\[ \]|\[x\])\s*(.+)$/i.exec(line);
    if (criterion && gate) gate.criteria.push({ text: criterion[2]!, done: /☑|☒|✓|✔|\[x\]/i.test(criterion[1]!) ? true : undefined });
    else if (line.endsWith(':')) gates.push((gate = { title: line.slice(0, -1).trim(), criteria: [], where }));
    else return false;
  }
  for (const g of gates) b.node('gate', g.title, { criteria: g.criteria.length ? g.criteria : undefined }, name, g.where);
  return gates.length > 0;
}

/** An open risk of the status report: `Risk: Title; medium probability, high impact; mitigation: ...; owner: Name`. */
function readRiskLine(b: PlanBuilder, text: string, name: string, where: string): void {
  const m = /^risk:\s*(.*?)(?:; ((?:low|medium|high) (?:probability|impact)(?:, (?:low|medium|high) impact)?))?(?:; mitigation: (.*?))?(?:; owner: ([^;]*))?$/i.exec(text);
  if (!m || !m[1]) return b.note(name, `cannot read the risk "${text}"`, where);
  const level = (what: string) => new RegExp(`(low|medium|high) ${what}`).exec(m[2] ?? '')?.[1];
  b.node('risk', m[1], { probability: level('probability'), impact: level('impact'), mitigation: m[3], owner: m[4] ? b.persona(m[4], name, where) : undefined, state: 'open' }, name, where);
}

/** Reads a filled-in "Coordinate Multi-Persona Feature" markdown document into interchange JSON, with a report of what it could not read. */
export function importFeaturePlanMarkdown(markdown: string): FeaturePlanImport {
  if (typeof markdown !== 'string' || !markdown.trim()) return { error: 'not a feature plan: the document is empty' };
  const root = parseMarkdown(markdown);
  const sections = splitSections(root).map((s) => ({ section: s, key: s.heading ? sectionKey(s.title) : ('preamble' as const) }));
  // A document titled in its own words (`# Realtime collaboration plan`) still has its header under that title.
  const top = sections.find((s) => s.section.heading?.depth === 1);
  const ownTitle = top && top.key === null ? top.section.title : undefined;
  if (top && top.key === null) top.key = 'header';
  const has = (key: SectionKey) => sections.some((s) => s.key === key);
  const anywhereTree = root.children.some((c) => c.type === 'code' && looksLikeTree(c.value));
  const anywhereMatrix = root.children.some((c) => c.type === 'table' && isMatrix(c));
  if (!has('decomposition') && !has('dependencies') && !anywhereTree && !anywhereMatrix) {
    return { error: 'not a feature plan: found neither a "Feature Decomposition" section nor a "Dependency Mapping" section, nor a decomposition tree or dependency matrix' };
  }

  const b = new PlanBuilder();
  const unreadFor =
    (name: string) =>
    (block: RootContent, why?: string): void =>
      b.note(name, `could not read ${describeBlock(block)}${why ? ` ${why}` : ''}`, lineOf(block));
  const ofKey = (key: SectionKey | 'preamble') => sections.filter((s) => s.key === key).map((s) => s.section);

  // Header and inputs first (personas and title), then the tree, then everything names refer to,
  // and the matrix last, so its names find the components, milestones and gates they mean.
  for (const s of [...ofKey('preamble'), ...ofKey('header')]) {
    const name = SECTION_NAMES.header;
    for (const block of s.blocks) {
      if (block.type === 'paragraph' && readHeader(b, block, name)) continue;
      if (block.type === 'thematicBreak') continue;
      unreadFor(name)(block);
    }
  }
  for (const s of ofKey('inputs')) readInputs(b, s, SECTION_NAMES.inputs, unreadFor(SECTION_NAMES.inputs));
  let tree = false;
  for (const s of ofKey('decomposition')) tree = readDecomposition(b, s, SECTION_NAMES.decomposition, unreadFor(SECTION_NAMES.decomposition)) || tree;
  if (!tree) {
    for (const s of sections.filter((x) => x.key !== 'decomposition')) {
      for (const block of s.section.blocks) if (block.type === 'code' && looksLikeTree(block.value)) {
        readTree(b, treeFromCode(block.value, block.position?.start.line ?? 0), SECTION_NAMES.decomposition);
        tree = true;
      }
    }
  }
  for (const s of ofKey('purpose')) readPurpose(b, s, SECTION_NAMES.purpose, unreadFor(SECTION_NAMES.purpose));
  for (const s of ofKey('workstreams')) readWorkstreams(b, s, SECTION_NAMES.workstreams, unreadFor(SECTION_NAMES.workstreams));
  for (const s of ofKey('integration')) readIntegration(b, s, SECTION_NAMES.integration, unreadFor(SECTION_NAMES.integration));
  for (const s of ofKey('quality')) {
    const name = SECTION_NAMES.quality;
    readPlaybook(
      b,
      s,
      8,
      name,
      ({ label, block }) => {
        if (block.type === 'list' && (label === null || nameKey(label).includes('quality gate'))) {
          for (const li of block.children) readGate(b, li, name);
          return true;
        }
        return block.type === 'code' && readGateCode(b, block.value, name, block.position?.start.line ?? 0);
      },
      unreadFor(name),
    );
  }
  for (const s of ofKey('communication')) {
    const name = SECTION_NAMES.communication;
    readPlaybook(
      b,
      s,
      5,
      name,
      ({ label, block }) => {
        if (label && nameKey(label) === 'coordination sessions' && block.type === 'list') {
          b.note(name, `${block.children.length} coordination session(s) listed; sessions are not read from a feature plan (use the JSON export to move them)`, lineOf(block));
          return true;
        }
        return false;
      },
      unreadFor(name),
    );
  }
  for (const s of ofKey('conflicts')) {
    const name = SECTION_NAMES.conflicts;
    readPlaybook(
      b,
      s,
      6,
      name,
      ({ label, block }) => {
        const key = label ? nameKey(label) : '';
        if (block.type === 'list' && (key.includes('conflict') || key.includes('decision')) && block.children.every((li) => itemParts(li).lists.length > 0)) {
          for (const li of block.children) readDecision(b, li, name);
          return true;
        }
        return block.type === 'code' && readConflictCode(b, block.value, name, lineOf(block));
      },
      unreadFor(name),
    );
  }
  for (const s of ofKey('progress')) {
    // The status report is computed from the plan; the playbook's tracking text and open risks are read.
    const name = SECTION_NAMES.progress;
    readPlaybook(
      b,
      s,
      7,
      name,
      ({ label, block }) => {
        if (block.type === 'list' && label && nameKey(label) === nameKey('Blockers & Risks')) {
          for (const li of block.children) {
            const text = itemParts(li).text;
            if (/^risk:/i.test(text)) readRiskLine(b, text, name, lineOf(li));
          }
        }
        return true;
      },
      unreadFor(name),
    );
    if (s.blocks.length && !b.computed.includes(SECTION_NAMES.progress)) b.computed.push(SECTION_NAMES.progress);
  }
  let matrix = false;
  for (const s of ofKey('dependencies')) matrix = readDependencies(b, s, SECTION_NAMES.dependencies, unreadFor(SECTION_NAMES.dependencies)) || matrix;
  if (!matrix && !has('dependencies')) {
    for (const s of sections) for (const block of s.section.blocks) if (block.type === 'table' && isMatrix(block)) {
      readDependencies(b, { heading: null, title: '', blocks: [block] }, SECTION_NAMES.dependencies, unreadFor(SECTION_NAMES.dependencies));
      matrix = true;
    }
  }
  for (const { section, key } of sections) {
    if (key === 'computed' && section.blocks.some((x) => !isNothingRecorded(x)) && !b.computed.includes(section.title)) b.computed.push(section.title);
    if (key === 'activities') for (const block of section.blocks) unreadFor(SECTION_NAMES.activities)(block);
    if (key === null && section.blocks.length) {
      b.note(`"${section.title}"`, `not a section of the feature plan template; its ${section.blocks.length} block(s) were not read`, lineOf(section.heading!));
    }
  }

  if (!tree) b.report.push('No decomposition tree found: workstreams and tasks come from the matrix alone.');
  if (!matrix) b.report.push('No dependency matrix found: the plan has no dependencies.');
  if (b.computed.length) b.report.push(`Computed from the plan, so not read: ${b.computed.join(', ')}.`);
  if (b.undeclared.length) b.report.push(`No Available Resources list: personas were made from the names used (${b.undeclared.join(', ')}), as humans with the default capacity.`);
  if (!b.meta.title && ownTitle) b.meta.title = ownTitle;
  if (!b.meta.title) {
    b.meta.title = 'Imported feature plan';
    b.report.push('No feature title found (no "**Feature**:" line or "Feature:" in the tree); the plan is called "Imported feature plan".');
  }

  const plan = {
    format: PLAN_JSON_FORMAT,
    version: PLAN_JSON_VERSION,
    ...b.meta,
    personas: b.personas,
    nodes: b.nodes,
    edges: [...b.edges.values()],
    playbook: Object.keys(b.playbook).length ? b.playbook : undefined,
  };
  // Through JSON so undefined fields vanish; the schema then checks every value and reference.
  const parsed = parsePlanJson(JSON.parse(JSON.stringify(plan)));
  if (!parsed.ok) return { error: `the document was read but does not make a valid plan:\n${formatProblems(parsed.error)}` };
  return { plan: parsed.value, report: b.fullReport() };
}
