/**
 * Where `baton serve --data DIR` keeps plans: one `DIR/<plan-id>.baton` per document, the
 * same container the app saves, replaced atomically so a crash mid-write leaves the previous
 * copy whole.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { decodeBatonFile, encodeBatonFile } from '../../../shared/doc';
import { fail, ok, type Result } from '../../../shared/model/result';
import { writeFileAtomic } from '../atomicWrite';
import { MAX_PLAN_FILE_BYTES } from '../planFiles';

const PLAN_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,200}$/;

/**
 * True for a plan id that is safe as a document name and as a file name: the characters of
 * a plan id, no `..` (nor a name made only of dots), so it never leaves the data directory.
 */
export function isValidPlanId(planId: string): boolean {
  return PLAN_ID_PATTERN.test(planId) && !planId.includes('..') && !/^\.+$/.test(planId);
}

/** Plans on disk, by plan id. */
export interface PlanStore {
  readonly dir: string;
  /** The stored plan's Yjs update, null when there is none yet; an error for a damaged file. */
  load(planId: string): Promise<Result<Uint8Array | null, string>>;
  /** Replaces the stored plan with `state` (a whole Yjs update). */
  save(planId: string, state: Uint8Array): Promise<Result<void, string>>;
}

/** Opens (creating it if needed) the data directory; an error names what is wrong with it. */
export async function openPlanStore(dir: string): Promise<Result<PlanStore, string>> {
  const root = path.resolve(dir);
  try {
    await mkdir(root, { recursive: true });
    if (!(await stat(root)).isDirectory()) return fail(`${root} is not a directory`);
  } catch (error) {
    return fail(`cannot use ${root} as the data directory: ${(error as Error).message}`);
  }

  const fileFor = (planId: string): Result<string, string> =>
    isValidPlanId(planId) ? ok(path.join(root, `${planId}.baton`)) : fail(`not a valid plan id: ${JSON.stringify(planId.slice(0, 80))}`);

  return ok({
    dir: root,
    async load(planId) {
      const file = fileFor(planId);
      if (!file.ok) return file;
      let bytes: Uint8Array;
      try {
        const info = await stat(file.value);
        if (info.size > MAX_PLAN_FILE_BYTES) return fail(`${file.value}: ${info.size} bytes is larger than any plan`);
        bytes = new Uint8Array(await readFile(file.value));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok(null);
        return fail(`${file.value}: cannot be read (${(error as Error).message})`);
      }
      const update = decodeBatonFile(bytes);
      return update.ok ? ok(update.value) : fail(`${file.value}: ${update.error}`);
    },
    async save(planId, state) {
      const file = fileFor(planId);
      if (!file.ok) return file;
      return writeFileAtomic(file.value, encodeBatonFile(state));
    },
  });
}
