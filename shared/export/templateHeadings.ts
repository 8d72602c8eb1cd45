import type { Heading, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';

/** A heading of a markdown document: its depth and its plain text. */
export interface DocumentHeading {
  readonly depth: number;
  readonly text: string;
}

/**
 * The headings of a markdown document in order, outside code blocks (a template's code
 * examples contain headings that are examples, not sections). Text is trimmed.
 */
export function documentHeadings(markdown: string): DocumentHeading[] {
  const tree: Root = fromMarkdown(markdown);
  return tree.children.filter((n): n is Heading => n.type === 'heading').map((h) => ({ depth: h.depth, text: toString(h).trim() }));
}
