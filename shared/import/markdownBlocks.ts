import type { Heading, Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown, gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import { gfm } from 'micromark-extension-gfm';

// Small readers over mdast shared by the markdown importers: the document is parsed once
// with GFM (tables, task lists) and read as a tree, never by regexes over the whole text.

/** Markdown parsed with GFM: tables, task-list items, strikethrough, autolinks. */
export function parseMarkdown(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

/** Blocks back to markdown text (for prose kept as written), without a final newline. */
export function blocksToMarkdown(blocks: readonly RootContent[]): string {
  const root: Root = { type: 'root', children: [...blocks] };
  return toMarkdown(root, { extensions: [gfmToMarkdown()], bullet: '-', listItemIndent: 'one', fences: true }).trimEnd();
}

/** The plain text of a node: line breaks become `\n`, markup is dropped, code keeps its text. */
export function plainText(node: Nodes | readonly PhrasingContent[]): string {
  if (Array.isArray(node)) return (node as readonly PhrasingContent[]).map((n) => plainText(n)).join('');
  const n = node as Nodes;
  if (n.type === 'break') return '\n';
  if (n.type === 'image') return n.alt ?? '';
  if ('value' in n && typeof n.value === 'string') return n.value;
  if ('children' in n) return (n.children as Nodes[]).map((c) => plainText(c)).join('');
  return '';
}

/** Text on one line: runs of whitespace (newlines included) become one space, ends trimmed. */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** A name compared without case or extra spaces. */
export const nameKey = (name: string): string => oneLine(name).toLowerCase();

/** A paragraph read as `**Label**: value`: the label is a leading strong; value may be empty. */
export interface LabelledParagraph {
  readonly label: string;
  readonly value: string;
}

/** The `**Label**: value` reading of a paragraph, or null when it does not start with bold text. */
export function labelOf(paragraph: Paragraph): LabelledParagraph | null {
  const [first, ...rest] = paragraph.children;
  if (first?.type !== 'strong') return null;
  let label = oneLine(plainText(first));
  let value = plainText(rest);
  // `**Label:**` puts the colon inside the bold text.
  if (label.endsWith(':')) label = label.slice(0, -1).trim();
  else value = value.replace(/^\s*:/, '');
  return { label, value: value.replace(/^[ \t]+/, '').trimEnd() };
}

/** A paragraph that only says a section has nothing recorded (`_No risks recorded._`). */
export function isNothingRecorded(block: RootContent): boolean {
  return block.type === 'paragraph' && /^no .* recorded\.?$/i.test(oneLine(plainText(block)));
}

/** A section of a document: a heading and the blocks up to the next heading. */
export interface DocumentSection {
  readonly heading: Heading | null;
  readonly title: string;
  readonly blocks: readonly RootContent[];
}

/** The document cut at every heading; blocks before the first heading form a section with no heading. */
export function splitSections(root: Root): DocumentSection[] {
  const out: { heading: Heading | null; title: string; blocks: RootContent[] }[] = [{ heading: null, title: '', blocks: [] }];
  for (const block of root.children) {
    if (block.type === 'heading') out.push({ heading: block, title: oneLine(plainText(block)), blocks: [] });
    else out[out.length - 1]!.blocks.push(block);
  }
  return out.filter((s, i) => i > 0 || s.blocks.length > 0);
}

/** `line 12`, or an empty string when the node has no position. */
export const lineOf = (node: { position?: { start: { line: number } } | undefined }): string => (node.position ? `line ${node.position.start.line}` : '');

/** A short quote of a block for a report: its kind and first words. */
export function describeBlock(block: RootContent): string {
  const text = oneLine(
    block.type === 'code' ? block.value : block.type === 'table' ? (block.children[0]?.children ?? []).map((c) => plainText(c)).join(' | ') : plainText(block),
  );
  const quote = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  const kind = block.type === 'code' ? 'code block' : block.type === 'list' ? 'list' : block.type === 'table' ? 'table' : block.type === 'paragraph' ? 'paragraph' : block.type;
  return quote ? `${kind} "${quote}"` : kind;
}

/** A deterministic id-safe slug of a title: lower case, letters and digits joined by `-`. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'item';
}

/** Hands out ids from slugs, each once: a second `Caching` gets `t-caching-2`. */
export class IdAllocator {
  private readonly used = new Set<string>();

  /** A fresh id `prefix + slug(title)`, suffixed with -2, -3... when taken. */
  take(prefix: string, title: string): string {
    const base = `${prefix}${slugify(title)}`;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}
