import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentHeadings } from '../../../shared/export/templateHeadings';

const REPO = path.resolve(__dirname, '../../..');
const NAMES = ['coordinate-multi-persona-feature.md', 'persona-coordination.md', 'pact-action-phase.md'];

describe('the template copies the exporters are checked against', () => {
  it.each(NAMES)('%s is the same as the shared template beside the repository', (name) => {
    const copy = readFileSync(path.join(REPO, 'tests/fixtures/templates', name), 'utf8');
    const shared = readFileSync(path.join(REPO, '../shared/templates', name), 'utf8');
    expect(copy).toBe(shared);
  });

  it('finds headings outside code examples only', () => {
    const headings = documentHeadings('# Title\n\n```\n## Not a heading\n```\n\n## Section\n');
    expect(headings).toEqual([
      { depth: 1, text: 'Title' },
      { depth: 2, text: 'Section' },
    ]);
  });
});
