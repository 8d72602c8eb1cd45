import type { List, ListItem, PhrasingContent, RootContent, Table } from 'mdast';

// A serializer for the part of mdast the exporters build (headings, paragraphs, lists, task
// lists, GFM tables, code, strong, emphasis, inline code, breaks). mdast-util-to-markdown
// handles all of markdown but spends ~50 µs per list item or table row; a 5,000-task plan's
// documents must render in well under 150 ms. Correctness is checked against the unified
// parser: serialize -> mdast-util-from-markdown gives back the same tree (tests/unit/export).

/** Characters that start inline markdown anywhere in a line, escaped with a backslash. */
const INLINE_SPECIAL = /[\\`*_[\]<>~#]|&(?=#|[A-Za-z0-9]+;)/g;
/** A line's first characters that markdown would read as structure, escaped. */
function escapeLineStart(line: string): string {
  // A list marker, setext underline, table delimiter row ("|-", ":-") or ordered-list
  // look-alike at the start of a line is text.
  const out = line.replace(/^[-+=:|]/, '\\$&').replace(/^(\d+)([.)])/, '$1\\$2');
  // Leading spaces would indent into a code block; keep them as character references.
  return out.replace(/^ +/, (spaces) => '&#x20;'.repeat(spaces.length));
}

function escapeText(value: string, atStart: boolean, atEnd: boolean, inTable: boolean): string {
  let out = value.replace(INLINE_SPECIAL, '\\$&');
  // Every line of a block starts fresh (after a hard break or a newline in the text), where a
  // "|-" would turn the paragraph into a table. Table cells are one line; tableText escapes their pipes.
  if (!inTable) {
    if (out.includes('\n')) out = out.split('\n').map((line, i) => (i > 0 || atStart ? escapeLineStart(line) : line)).join('\n');
    else if (atStart) out = escapeLineStart(out);
  }
  // Trailing spaces at the end of a block would be dropped (or make a hard break).
  return atEnd ? out.replace(/ +$/, (spaces) => '&#x20;'.repeat(spaces.length)) : out;
}

function inlineCode(value: string): string {
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') || (value.startsWith(' ') && value.endsWith(' ') && value.trim()) ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

const isPunctuation = (ch: string | undefined) => ch !== undefined && /[\p{P}\p{S}]/u.test(ch);
const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
const charRef = (ch: string) => `&#x${ch.codePointAt(0)!.toString(16).toUpperCase()};`;

/** Adjacent text nodes as one: "0" then ". x" must be escaped as the "0. x" a reader sees. */
function mergedText(nodes: readonly PhrasingContent[]): readonly PhrasingContent[] {
  if (!nodes.some((n, i) => n.type === 'text' && nodes[i - 1]?.type === 'text')) return nodes;
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
  let out = '';
  // Set when a closing delimiter needs the next character kept from touching it (see below).
  let guardNext = false;
  nodes.forEach((node, i) => {
    // After a hard break a new line starts, where a list marker would interrupt the paragraph.
    const first = (atStart && i === 0) || nodes[i - 1]?.type === 'break';
    const last = atEnd && i === nodes.length - 1;
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
        const underscoreSafe = !isWordChar(out[out.length - 1]) && !isWordChar(nextChar);
        const marker = node.type === 'strong' ? '**' : underscoreSafe ? '_' : '*';
        // A delimiter run next to punctuation on its inside and a letter on its outside does
        // not open or close emphasis; write that outside letter as a character reference.
        if (isPunctuation(inner[0]) && isWordChar(out[out.length - 1])) out = out.slice(0, -1) + charRef(out[out.length - 1]!);
        piece = `${marker}${inner}${marker}`;
        guardNext = isPunctuation(inner[inner.length - 1]);
        out += piece;
        return;
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
    out += piece;
  });
  return out;
}

function tableText(node: Table): string {
  // A pipe ends a cell wherever it stands, even in code, so in tables every pipe is escaped.
  const cells = node.children.map((row) => row.children.map((cell) => phrasing(cell.children, '', false, true, true).replace(/\|/g, '\\|')));
  const columns = Math.max(...cells.map((row) => row.length));
  // Padded columns, as people write tables by hand: readable in a diff and in a terminal.
  const widths = Array.from({ length: columns }, (_, c) => Math.max(3, ...cells.map((row) => (row[c] ?? '').length)));
  const line = (row: readonly string[]) => `| ${widths.map((w, c) => (row[c] ?? '').padEnd(w)).join(' | ')} |`;
  return [line(cells[0]!), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}

function listText(node: List, indent: string, alternate: boolean): string {
  return node.children
    .map((item, i) => {
      const marker = node.ordered ? `${(node.start ?? 1) + i}${alternate ? ')' : '.'} ` : alternate ? '* ' : '- ';
      return listItemText(item, marker, indent);
    })
    .join('\n');
}

function listItemText(item: ListItem, marker: string, indent: string): string {
  const inner = indent + ' '.repeat(marker.length);
  const check = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
  const parts = item.children.map((child, i) => {
    const text = block(child, inner, child.type === 'list' && alternatesFrom(item.children, i));
    return i === 0 ? text : `${inner}${text}`;
  });
  const body = parts.join('\n') || '';
  return `${indent}${marker}${check}${body}`;
}

function block(node: RootContent, indent: string, alternate = false): string {
  switch (node.type) {
    case 'heading':
      // Heading text is not at the start of a block of its own: "1. Scope" stays a heading.
      return `${'#'.repeat(node.depth)} ${phrasing(node.children, indent, false)}`;
    case 'paragraph':
      return phrasing(node.children, indent);
    case 'list':
      // Nested lists already carry their indent on every line but the first.
      return listText(node, indent, alternate).slice(indent.length);
    case 'table':
      return tableText(node);
    case 'code': {
      const longest = Math.max(2, ...(node.value.match(/^`{3,}/gm) ?? []).map((run) => run.length));
      const fence = '`'.repeat(longest + 1);
      const body = node.value.split('\n').map((line) => (line ? indent + line : line)).join('\n');
      return `${fence}${node.lang ?? ''}\n${body}\n${indent}${fence}`;
    }
    case 'thematicBreak':
      return '---';
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
  return `${children.map((node, i) => block(node, '', node.type === 'list' && alternatesFrom(children, i))).join('\n\n')}\n`;
}
