import type { z } from 'zod';
import type { Problem } from './result';

const ARTICLE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  record: 'an object',
  null: 'null',
};

/** `nodes[3].estimateDays` from zod's `['nodes', 3, 'estimateDays']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

const MISSING = Symbol('missing');

/** The value at a zod path inside the input, or MISSING: zod does not echo inputs back. */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null || !Object.hasOwn(cur, key)) return MISSING;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function describe(issue: z.core.$ZodIssue, root: unknown): string {
  const given = valueAt(root, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = ARTICLE[issue.expected] ?? issue.expected;
      return given === MISSING || given === undefined ? `missing; expected ${expected}` : `expected ${expected}, got ${kindOf(given)}`;
    }
    case 'invalid_value':
      if (given === MISSING) return `missing; expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}`
        : `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_union':
      if (issue.discriminator && 'options' in issue) {
        const options = (issue.options ?? []).map((o) => JSON.stringify(o)).join(', ');
        return given === MISSING
          ? `missing "${issue.discriminator}"; expected one of ${options}`
          : `unknown ${issue.discriminator} ${JSON.stringify(given)}; expected one of ${options}`;
      }
      return issue.message;
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1) return issue.message.startsWith('expected') ? issue.message : 'expected a non-empty string';
      return issue.message;
    default:
      return issue.message;
  }
}

/** Zod's issues as Problems whose paths are written the way a user reads a JSON file. */
export function problemsFromZod(error: z.ZodError, input: unknown, prefix: readonly PropertyKey[] = []): Problem[] {
  return error.issues.map((issue) => ({ path: formatPath([...prefix, ...issue.path]), message: describe(issue, input) }));
}
