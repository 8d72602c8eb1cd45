import type { BlockContent, Heading, List, ListItem, Paragraph, PhrasingContent, RootContent, Table, TableCell, TableRow, Text } from 'mdast';
import { serializeMarkdown } from './mdastSerializer';

// Documents are built as mdast trees and serialized once, so escaping is the serializer's job:
// a `|` or a newline in a title can never break a table or start a heading.

/** Inline text: a string is plain text; arrays mix text with strong/emphasis/code. */
export type Inline = string | PhrasingContent | readonly (string | PhrasingContent)[];

/** A text node; newlines inside become spaces (they would split a line). */
export const text = (value: string): Text => ({ type: 'text', value: value.includes('\n') ? value.replace(/\s*\r?\n\s*/g, ' ') : value });

/** Inline content as mdast phrasing nodes; newlines inside text become spaces (they would split a line). */
export function inline(content: Inline): PhrasingContent[] {
  if (typeof content === 'string') return [text(content)];
  if (!Array.isArray(content)) return [content as PhrasingContent];
  return (content as readonly (string | PhrasingContent)[]).map((p) => (typeof p === 'string' ? text(p) : p));
}

const labels = new Map<string, PhrasingContent>();

/**
 * Bold label text (`**Owner**`), one node per label shared by every use: nodes are never
 * changed once built, and the fields of a 5,000-task document would otherwise make some
 * 15,000 identical ones (which, alive until the end, cost as much to collect as to make).
 * Labels are the exporters' own words, so the cache stays small; it is capped all the same.
 */
export function fieldLabel(name: string): PhrasingContent {
  const known = labels.get(name);
  if (known) return known;
  const node = strong(name);
  if (labels.size < 512) labels.set(name, node);
  return node;
}

/** Bold text. */
export const strong = (content: Inline): PhrasingContent => ({ type: 'strong', children: inline(content) });
/** Italic text. */
export const emphasis = (content: Inline): PhrasingContent => ({ type: 'emphasis', children: inline(content) });
/** Inline code. */
export const code = (value: string): PhrasingContent => ({ type: 'inlineCode', value });

/** A heading of depth 1–6. */
export const heading = (depth: 1 | 2 | 3 | 4 | 5 | 6, content: Inline): Heading => ({ type: 'heading', depth, children: inline(content) });

/** A paragraph; multi-line text keeps its line breaks. */
export function paragraph(content: Inline): RootContent {
  if (typeof content === 'string' && content.includes('\n')) {
    const lines = content.split(/\r?\n/);
    const children: PhrasingContent[] = [];
    lines.forEach((line, i) => {
      if (i) children.push({ type: 'break' });
      children.push({ type: 'text', value: line });
    });
    return { type: 'paragraph', children };
  }
  return { type: 'paragraph', children: inline(content) };
}

/** A list item with inline content and optional nested blocks (a sub-list, say). */
export function item(content: Inline, ...nested: BlockContent[]): ListItem {
  const line: Paragraph = { type: 'paragraph', children: inline(content) };
  return { type: 'listItem', spread: false, children: nested.length ? [line, ...nested] : [line] };
}

/** A checklist item (`- [ ]` / `- [x]`). */
export function checkItem(checked: boolean, content: Inline): ListItem {
  return { ...item(content), checked };
}

/** A bullet list (or numbered with `ordered`). */
export function list(items: readonly (ListItem | Inline)[], ordered = false): List {
  return {
    type: 'list',
    ordered,
    spread: false,
    start: ordered ? 1 : undefined,
    children: items.map((i) => (typeof i === 'object' && !Array.isArray(i) && (i as ListItem).type === 'listItem' ? (i as ListItem) : item(i as Inline))),
  };
}

/** A GFM table; every cell's text is escaped by the serializer. */
export function table(header: readonly Inline[], rows: readonly (readonly Inline[])[]): Table {
  const row = (cells: readonly Inline[]): TableRow => ({ type: 'tableRow', children: cells.map((c): TableCell => ({ type: 'tableCell', children: inline(c) })) });
  return { type: 'table', align: header.map(() => null), children: [row(header), ...rows.map(row)] };
}

/** A fenced code block. */
export const codeBlock = (lang: string, value: string): RootContent => ({ type: 'code', lang, value });

/** A plain-words note for a section with nothing recorded. */
export const nothingRecorded = (what: string): RootContent => paragraph(emphasis(`No ${what} recorded.`));

/**
 * Serializes a document: GFM tables, `-` bullets, fenced code, a final newline; deterministic.
 * Uses the fast serializer for the mdast subset built here (see mdastSerializer.ts).
 */
export function renderMarkdown(children: readonly RootContent[]): string {
  return serializeMarkdown(children);
}
