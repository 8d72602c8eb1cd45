import type { List, ListItem, PhrasingContent, RootContent, Table } from 'mdast';

// A serializer for the part of mdast the exporters build (headings, paragraphs, lists, task
// lists, GFM tables, code, strong, emphasis, inline code, breaks). mdast-util-to-markdown
// handles all of markdown but spends ~50 µs per list item or table row; a 5,000-task plan's
// documents must render in well under 150 ms. Correctness is checked against the unified
// parser: serialize -> mdast-util-from-markdown gives back the same tree (tests/unit/export).

/** Characters that start inline markdown anywhere in a line, escaped with a backslash. */
const INLINE_SPECIAL = /[\\`*_[\]<>~#]|&(?=#|[A-Za-z0-9]+;)/g;
/** The same test without the global flag: most texts hold none, and skip the replace. */
const HAS_INLINE_SPECIAL = /[\\`*_[\]<>~#]|&(?=#|[A-Za-z0-9]+;)/;
/** First characters of a line that markdown could read as structure (see escapeLineStart). */
const RISKY_LINE_START = /^[-+=:| 0-9]/;

/** A line's first characters that markdown would read as structure, escaped. */
function escapeLineStart(line: string): string {
  if (!RISKY_LINE_START.test(line)) return line;
  // A list marker, setext underline, table delimiter row ("|-", ":-") or ordered-list
  // look-alike at the start of a line is text.
  const out = line.replace(/^[-+=:|]/, '\\$&').replace(/^(\d+)([.)])/, '$1\\$2');
  // Leading spaces would indent into a code block; keep them as character references.
  return out.replace(/^ +/, (spaces) => '&#x20;'.repeat(spaces.length));
}

function escapeText(value: string, atStart: boolean, atEnd: boolean, inTable: boolean): string {
  let out = HAS_INLINE_SPECIAL.test(value) ? value.replace(INLINE_SPECIAL, '\\$&') : value;
  // Every line of a block starts fresh (after a hard break or a newline in the text), where a
  // "|-" would turn the paragraph into a table. Table cells are one line; tableText escapes their pipes.
  if (!inTable) {
    if (out.includes('\n')) out = out.split('\n').map((line, i) => (i > 0 || atStart ? escapeLineStart(line) : line)).join('\n');
    else if (atStart) out = escapeLineStart(out);
  }
  // Trailing spaces at the end of a block would be dropped (or make a hard break).
  return atEnd && out.endsWith(' ') ? out.replace(/ +$/, (spaces) => '&#x20;'.repeat(spaces.length)) : out;
}

function inlineCode(value: string): string {
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') || (value.startsWith(' ') && value.endsWith(' ') && value.trim()) ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

const PUNCTUATION = /[\p{P}\p{S}]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
// Nearly every character met is ASCII, and a document asks about some 50,000 of them: their
// answers are looked up, read from the same expressions once, rather than matched each time.
const ASCII_PUNCTUATION = Uint8Array.from({ length: 128 }, (_, c) => (PUNCTUATION.test(String.fromCharCode(c)) ? 1 : 0));
const ASCII_WORD_CHAR = Uint8Array.from({ length: 128 }, (_, c) => (WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0));
const isPunctuation = (ch: string | undefined) => {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return c < 128 ? ASCII_PUNCTUATION[c] === 1 : PUNCTUATION.test(ch);
};
const isWordChar = (ch: string | undefined) => {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return c < 128 ? ASCII_WORD_CHAR[c] === 1 : WORD_CHAR.test(ch);
};
const charRef = (ch: string) => `&#x${ch.codePointAt(0)!.toString(16).toUpperCase()};`;

/** Adjacent text nodes as one: "0" then ". x" must be escaped as the "0. x" a reader sees. */
function mergedText(nodes: readonly PhrasingContent[]): readonly PhrasingContent[] {
  let adjacent = false;
  for (let i = 1; i < nodes.length && !adjacent; i++) adjacent = nodes[i]!.type === 'text' && nodes[i - 1]!.type === 'text';
  if (!adjacent) return nodes;
  const out: PhrasingContent[] = [];
  for (const n of nodes) {
    const last = out[out.length - 1];
    if (n.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value + n.value };
    else out.push(n);
  }
  return out;
}

function phrasing(all: readonly PhrasingContent[], indent: string, atStart = true, atEnd = true, inTable = false): string {
  const nodes = mergedText(all);
  // The common case, one plain text (a title, a list line), needs no joining.
  if (nodes.length === 1 && nodes[0]!.type === 'text') return escapeText(nodes[0].value, atStart, atEnd, inTable);
  let out = '';
  // The last character written, kept aside: reading it back from `out` would flatten the rope.
  let lastChar: string | undefined;
  // Set when a closing delimiter needs the next character kept from touching it (see below).
  let guardNext = false;
  let afterBreak = false;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    // After a hard break a new line starts, where a list marker would interrupt the paragraph.
    const first = (atStart && i === 0) || afterBreak;
    const last = atEnd && i === nodes.length - 1;
    afterBreak = node.type === 'break';
    let piece: string;
    switch (node.type) {
      case 'text':
        piece = escapeText(node.value, first, last, inTable);
        break;
      case 'strong':
      case 'emphasis': {
        const inner = phrasing(node.children, indent, false, false, inTable);
        const next = nodes[i + 1];
        const nextChar = next?.type === 'text' ? next.value[0] : next ? '*' : undefined;
        // Underscores read better but never work inside a word; asterisks do.
        const underscoreSafe = !isWordChar(lastChar) && !isWordChar(nextChar);
        const marker = node.type === 'strong' ? '**' : underscoreSafe ? '_' : '*';
        // A delimiter run next to punctuation on its inside and a letter on its outside does
        // not open or close emphasis; write that outside letter as a character reference.
        if (isPunctuation(inner[0]) && isWordChar(lastChar)) out = out.slice(0, -1) + charRef(lastChar!);
        out += marker + inner + marker;
        lastChar = marker[0];
        guardNext = isPunctuation(inner[inner.length - 1]);
        continue;
      }
      case 'inlineCode':
        piece = inlineCode(node.value);
        break;
      case 'break':
        piece = `\\\n${indent}`;
        break;
      default:
        throw new Error(`markdown serializer: unsupported inline node "${node.type}"`);
    }
    if (guardNext && isWordChar(piece[0])) piece = charRef(piece[0]!) + piece.slice(1);
    guardNext = false;
    if (piece) {
      out += piece;
      lastChar = piece[piece.length - 1];
    }
  }
  return out;
}

/**
 * The document being written: nested lists append straight to it instead of building,
 * joining and re-indenting a string per level (a 5,000-task document is a few megabytes, and
 * copying it per nesting level was most of the work). Appends build a V8 rope, flattened every
 * 64 KiB: a rope keeps every piece and a cell per append alive until the end (tens of
 * megabytes for a large plan, all of it promoted by the collector), a flat chunk only its text.
 */
class Out {
  private readonly chunks: string[] = [];
  private text = '';
  add(piece: string): void {
    this.text += piece;
    if (this.text.length > 65_536) {
      // Reading a character flattens the rope.
      this.text.charCodeAt(0);
      this.chunks.push(this.text);
      this.text = '';
    }
  }
  finish(): string {
    this.chunks.push(this.text);
    return this.chunks.join('');
  }
}

function writeTable(out: Out, node: Table): void {
  // A pipe ends a cell wherever it stands, even in code, so in tables every pipe is escaped.
  const cells = node.children.map((row) =>
    row.children.map((cell) => {
      const text = phrasing(cell.children, '', false, true, true);
      return text.includes('|') ? text.replace(/\|/g, '\\|') : text;
    }),
  );
  let columns = 0;
  for (const row of cells) columns = Math.max(columns, row.length);
  // Padded columns, as people write tables by hand: readable in a diff and in a terminal.
  const widths: number[] = new Array(columns).fill(3);
  for (const row of cells) for (let c = 0; c < row.length; c++) widths[c] = Math.max(widths[c]!, row[c]!.length);
  const line = (row: readonly string[]) => {
    out.add('|');
    for (let c = 0; c < columns; c++) out.add(' ' + (row[c] ?? '').padEnd(widths[c]!) + ' |');
  };
  line(cells[0]!);
  out.add('\n');
  line(widths.map((w) => '-'.repeat(w)));
  for (let r = 1; r < cells.length; r++) {
    out.add('\n');
    line(cells[r]!);
  }
}

const spaces = (n: number) => ' '.repeat(n);

/** A list whose first line is already indented; later lines start with `indent`. */
function writeList(out: Out, node: List, indent: string, alternate: boolean): void {
  const items = node.children;
  for (let i = 0; i < items.length; i++) {
    if (i) out.add('\n' + indent);
    const marker = node.ordered ? `${(node.start ?? 1) + i}${alternate ? ')' : '.'} ` : alternate ? '* ' : '- ';
    writeListItem(out, items[i]!, marker, indent);
  }
}

function writeListItem(out: Out, item: ListItem, marker: string, indent: string): void {
  const inner = indent + spaces(marker.length);
  out.add(marker + (item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : ''));
  const children = item.children;
  for (let i = 0; i < children.length; i++) {
    if (i) out.add('\n' + inner);
    const child = children[i]!;
    writeBlock(out, child, inner, child.type === 'list' && alternatesFrom(children, i));
  }
}

/** One block whose first line is already indented; later lines start with `indent`. */
function writeBlock(out: Out, node: RootContent, indent: string, alternate = false): void {
  switch (node.type) {
    case 'heading':
      // Heading text is not at the start of a block of its own: "1. Scope" stays a heading.
      out.add('#'.repeat(node.depth) + ' ' + phrasing(node.children, indent, false));
      return;
    case 'paragraph':
      out.add(phrasing(node.children, indent));
      return;
    case 'list':
      writeList(out, node, indent, alternate);
      return;
    case 'table':
      writeTable(out, node);
      return;
    case 'code': {
      const longest = Math.max(2, ...(node.value.match(/^`{3,}/gm) ?? []).map((run) => run.length));
      const fence = '`'.repeat(longest + 1);
      const body = node.value.split('\n').map((line) => (line ? indent + line : line)).join('\n');
      out.add(`${fence}${node.lang ?? ''}\n${body}\n${indent}${fence}`);
      return;
    }
    case 'thematicBreak':
      out.add('---');
      return;
    default:
      throw new Error(`markdown serializer: unsupported block node "${node.type}"`);
  }
}

/**
 * Whether the list at `index` uses the alternate marker: two lists in a row with the same
 * marker would be read as one list, so each list after a list switches marker.
 */
function alternatesFrom(blocks: readonly RootContent[], index: number): boolean {
  let run = 0;
  for (let i = index; i > 0 && blocks[i]!.type === 'list' && blocks[i - 1]!.type === 'list'; i--) run++;
  return run % 2 === 1;
}

/** Markdown text for top-level blocks: blank lines between blocks, a final newline. */
export function serializeMarkdown(children: readonly RootContent[]): string {
  const out = new Out();
  for (let i = 0; i < children.length; i++) {
    if (i) out.add('\n\n');
    const node = children[i]!;
    writeBlock(out, node, '', node.type === 'list' && alternatesFrom(children, i));
  }
  out.add('\n');
  return out.finish();
}
