/**
 * Writes a file so that a crash, a full disk or a failed rename never leaves a half-written
 * plan: the bytes go to a temp file beside the target, are flushed to disk, then renamed
 * over the target in one step. Until that rename the old file is untouched.
 */
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import path from 'node:path';
import type { Result } from '../../shared/model/result';

/** The file-system calls atomicWrite makes; injectable so tests can make any step fail. */
export interface AtomicWriteFileSystem {
  readonly open: typeof fsp.open;
  readonly rename: typeof fsp.rename;
  readonly unlink: typeof fsp.unlink;
  readonly stat: typeof fsp.stat;
}

const NODE_FILE_SYSTEM: AtomicWriteFileSystem = { open: fsp.open, rename: fsp.rename, unlink: fsp.unlink, stat: fsp.stat };

/** The temp file's name: same directory (a rename across file systems is not atomic), random suffix. */
export function tempPathFor(target: string): string {
  return `${target}.tmp-${randomBytes(6).toString('hex')}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The existing file's permission bits, so replacing a file does not loosen or tighten them. */
async function existingMode(fs: AtomicWriteFileSystem, target: string): Promise<number> {
  try {
    return (await fs.stat(target)).mode & 0o777;
  } catch {
    return 0o666;
  }
}

/** Flushes the directory entry of the rename; POSIX only, Windows cannot open a directory. */
async function syncDirectory(fs: AtomicWriteFileSystem, dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The data is already safe in the renamed file; durability of the entry is best effort.
  }
}

/**
 * Replaces `target` with `bytes` atomically. On failure the temp file is removed, the old
 * target is left as it was, and the result says what went wrong.
 */
export async function writeFileAtomic(
  target: string,
  bytes: Uint8Array,
  fs: AtomicWriteFileSystem = NODE_FILE_SYSTEM,
): Promise<Result<void, string>> {
  const temp = tempPathFor(target);
  let created = false;
  try {
    const mode = await existingMode(fs, target);
    // 'wx' refuses to reuse an existing path, so we never write through someone's symlink.
    const handle = await fs.open(temp, 'wx', mode);
    created = true;
    try {
      let offset = 0;
      while (offset < bytes.byteLength) {
        const { bytesWritten } = await handle.write(bytes, offset, bytes.byteLength - offset);
        offset += bytesWritten;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
    created = false;
    await syncDirectory(fs, path.dirname(target));
    return { ok: true, value: undefined };
  } catch (error) {
    if (created) await fs.unlink(temp).catch(() => undefined);
    return { ok: false, error: `could not write ${path.basename(target)}: ${messageOf(error)}` };
  }
}
