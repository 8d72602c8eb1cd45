import * as fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempPathFor, writeFileAtomic, type AtomicWriteFileSystem } from '../../../electron/host/atomicWrite';

let dir: string;

beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'baton-atomic-'));
});

afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

const bytesOf = (text: string) => new TextEncoder().encode(text);
const listDir = () => fsp.readdir(dir);

/** The real file system with one call replaced, to make exactly one step of the write fail. */
function failingAt(step: 'rename' | 'write' | 'sync'): AtomicWriteFileSystem {
  const boom = () => Promise.reject(new Error(`simulated ${step} failure`));
  if (step === 'rename') return { open: fsp.open, stat: fsp.stat, unlink: fsp.unlink, rename: boom };
  const open = (async (...args: Parameters<typeof fsp.open>) => {
    const handle = await fsp.open(...args);
    // Only the temp file's handle fails; the directory handle opened for fsync is left alone.
    if (!String(args[0]).includes('.tmp-')) return handle;
    return new Proxy(handle, {
      get(target, key) {
        if (key === step) return boom;
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }) as typeof fsp.open;
  return { open, stat: fsp.stat, unlink: fsp.unlink, rename: fsp.rename };
}

describe('writeFileAtomic', () => {
  it('writes a new file with exactly the bytes given', async () => {
    const target = path.join(dir, 'plan.baton');
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 251);
    await expect(writeFileAtomic(target, bytes)).resolves.toEqual({ ok: true, value: undefined });
    expect(new Uint8Array(await fsp.readFile(target))).toEqual(bytes);
    expect(await listDir()).toEqual(['plan.baton']);
  });

  it('writes an empty file', async () => {
    const target = path.join(dir, 'empty.baton');
    expect((await writeFileAtomic(target, new Uint8Array())).ok).toBe(true);
    expect((await fsp.stat(target)).size).toBe(0);
  });

  it('writes only the viewed part of a Uint8Array that shares a bigger buffer', async () => {
    const target = path.join(dir, 'slice.baton');
    const whole = bytesOf('xxHELLOyy');
    expect((await writeFileAtomic(target, whole.subarray(2, 7))).ok).toBe(true);
    expect(await fsp.readFile(target, 'utf8')).toBe('HELLO');
  });

  it('replaces an existing file, longer or shorter, and keeps its permissions', async () => {
    const target = path.join(dir, 'plan.baton');
    await fsp.writeFile(target, 'the old plan, which was rather long');
    await fsp.chmod(target, 0o600);
    expect((await writeFileAtomic(target, bytesOf('new'))).ok).toBe(true);
    expect(await fsp.readFile(target, 'utf8')).toBe('new');
    expect((await fsp.stat(target)).mode & 0o777).toBe(0o600);
    expect(await listDir()).toEqual(['plan.baton']);
  });

  it.each(['rename', 'write', 'sync'] as const)('leaves the old file whole and no temp file when %s fails', async (step) => {
    const target = path.join(dir, 'plan.baton');
    await fsp.writeFile(target, 'old plan');
    const result = await writeFileAtomic(target, bytesOf('new plan that never lands'), failingAt(step));
    expect(result).toEqual({ ok: false, error: `could not write plan.baton: simulated ${step} failure` });
    expect(await fsp.readFile(target, 'utf8')).toBe('old plan');
    expect(await listDir()).toEqual(['plan.baton']);
  });

  it('fails cleanly when the target is a directory (rename cannot replace it)', async () => {
    const target = path.join(dir, 'plan.baton');
    await fsp.mkdir(target);
    await fsp.writeFile(path.join(target, 'keep.txt'), 'inside');
    const result = await writeFileAtomic(target, bytesOf('new'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^could not write plan\.baton: /);
    expect(await fsp.readFile(path.join(target, 'keep.txt'), 'utf8')).toBe('inside');
    expect(await listDir()).toEqual(['plan.baton']);
  });

  it('fails with a result, not a throw, when the directory is gone', async () => {
    const target = path.join(dir, 'gone', 'plan.baton');
    const result = await writeFileAtomic(target, bytesOf('new'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/ENOENT/);
    expect(await listDir()).toEqual([]);
  });

  it('survives concurrent writes to one target: the file ends as one of them, whole', async () => {
    const target = path.join(dir, 'plan.baton');
    const versions = Array.from({ length: 8 }, (_, i) => bytesOf(String(i).repeat(10_000 + i)));
    const results = await Promise.all(versions.map((v) => writeFileAtomic(target, v)));
    expect(results.every((r) => r.ok)).toBe(true);
    const final = await fsp.readFile(target, 'utf8');
    expect(versions.map((v) => new TextDecoder().decode(v))).toContain(final);
    expect(await listDir()).toEqual(['plan.baton']);
  });
});

describe('tempPathFor', () => {
  it('puts the temp file beside the target, with a random suffix', () => {
    const target = path.join(dir, 'plan.baton');
    const a = tempPathFor(target);
    expect(path.dirname(a)).toBe(dir);
    expect(path.basename(a)).toMatch(/^plan\.baton\.tmp-[0-9a-f]{12}$/);
    expect(tempPathFor(target)).not.toBe(a);
  });
});
