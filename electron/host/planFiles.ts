import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { batonFileUpdate, damagedPlanData, encodeBatonFile, LOAD_ORIGIN, loadPlanJson, looksLikeBatonFile, PlanDocument } from '../../shared/doc';
import { fail, formatProblems, ok, parsePlanJson, type Result } from '../../shared/model';

/** The largest plan file Baton reads: far above any real plan, low enough to refuse a wrong file fast. */
export const MAX_PLAN_FILE_BYTES = 256 * 1024 * 1024;

/** A plan read from disk, as a document (for merging and saving) and its snapshot. */
export interface LoadedPlan {
  readonly document: PlanDocument;
  readonly format: 'baton' | 'json';
}

function describeFsError(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${file}: no such file`;
  if (code === 'EACCES' || code === 'EPERM') return `${file}: permission denied`;
  if (code === 'EISDIR') return `${file}: is a directory, not a plan file`;
  return `${file}: cannot be read (${(error as Error).message})`;
}

/** Reads a file's bytes with messages that name the file; refuses directories and huge files. */
export async function readPlanBytes(file: string): Promise<Result<Uint8Array, string>> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) return fail(`${file}: is a directory, not a plan file`);
    if (info.size > MAX_PLAN_FILE_BYTES) return fail(`${file}: ${info.size} bytes is larger than any plan (limit ${MAX_PLAN_FILE_BYTES})`);
    return ok(new Uint8Array(await readFile(file)));
  } catch (error) {
    return fail(describeFsError(file, error));
  }
}

/** Turns plan bytes into a document: a `.baton` by its header, anything else as interchange JSON. */
export function planFromBytes(bytes: Uint8Array, name: string, actor = 'baton-cli'): Result<LoadedPlan, string> {
  if (looksLikeBatonFile(bytes) || path.extname(name).toLowerCase() === '.baton') {
    const update = batonFileUpdate(bytes);
    if (!update.ok) return fail(`${name}: ${update.error}`);
    const document = new PlanDocument({ actor });
    const loaded = document.loadUpdate(update.value, LOAD_ORIGIN);
    if (!loaded.ok) {
      document.destroy();
      return fail(`${name}: ${damagedPlanData(loaded.error)}`);
    }
    const migrated = document.migrate();
    if (!migrated.ok) return fail(`${name}: ${migrated.error}`);
    const problems = document.getSnapshot().problems;
    if (problems.length) return fail(`${name}: the plan has damaged parts:\n${formatProblems(problems)}`);
    return ok({ document, format: 'baton' });
  }
  if (bytes.byteLength === 0) return fail(`${name}: the file is empty`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(`${name}: not a Baton plan (neither a .baton file nor UTF-8 JSON)`);
  }
  const parsed = parsePlanJson(text);
  if (!parsed.ok) return fail(`${name}:\n${formatProblems(parsed.error).replace(/^/gm, '  ')}`);
  const document = new PlanDocument({ actor });
  loadPlanJson(document.ydoc, parsed.value);
  return ok({ document, format: 'json' });
}

/** Reads a `.baton` or `.json` plan file; every failure names the file and the problem. */
export async function readPlanFile(file: string, actor?: string): Promise<Result<LoadedPlan, string>> {
  const bytes = await readPlanBytes(file);
  return bytes.ok ? planFromBytes(bytes.value, file, actor) : bytes;
}

/** A document as `.baton` bytes. */
export function planToBatonBytes(document: PlanDocument): Uint8Array {
  return encodeBatonFile(document.encodeState());
}
