import { describe, expect, it } from 'vitest';
import { documentHeadings } from '../../../shared/export/templateHeadings';

describe('template headings', () => {
  it('finds headings outside code examples only', () => {
    const headings = documentHeadings('# Title\n\n```\n## Not a heading\n```\n\n## Section\n');
    expect(headings).toEqual([
      { depth: 1, text: 'Title' },
      { depth: 2, text: 'Section' },
    ]);
  });
});
