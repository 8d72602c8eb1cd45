import * as fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultPlanFileName, openPlanWithDialog, savePlanWithDialog, type PlanFileDialogs } from '../../../electron/host/fileDialogHandlers';
import { createIpcHandlers } from '../../../electron/host/ipcHandlers';
import { createIpcRouter } from '../../../electron/host/ipcRouter';
import { isTrustedIpcSender } from '../../../electron/host/windowPolicy';
import { MAX_PLAN_FILE_BYTES } from '../../../shared/ipc';
import { unusedHosting } from './fakeHosting';

let dir: string;

beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'baton-dialogs-'));
});

afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

/** Dialogs that answer with fixed paths and remember what they were asked. */
function fakeDialogs(savePath: string | null, openPath: string | null) {
  const asked: string[] = [];
  const dialogs: PlanFileDialogs = {
    chooseSavePath: async (name) => {
      asked.push(name);
      return savePath;
    },
    chooseOpenPath: async () => openPath,
  };
  return { dialogs, asked };
}

describe('defaultPlanFileName', () => {
  it('adds .baton unless the name already ends with it', () => {
    expect(defaultPlanFileName('Sprint 12')).toBe('Sprint 12.baton');
    expect(defaultPlanFileName('v1.2')).toBe('v1.2.baton');
    expect(defaultPlanFileName('plan.baton')).toBe('plan.baton');
    expect(defaultPlanFileName('PLAN.BATON')).toBe('PLAN.BATON');
  });
});

describe('savePlanWithDialog', () => {
  it('writes the bytes where the user chose and says where', async () => {
    const target = path.join(dir, 'chosen.baton');
    const { dialogs, asked } = fakeDialogs(target, null);
    const result = await savePlanWithDialog(dialogs, { suggestedName: 'Sprint 12', bytes: new Uint8Array([1, 2, 3]) });
    expect(result).toEqual({ ok: true, value: { saved: true, path: target } });
    expect(asked).toEqual(['Sprint 12.baton']);
    expect(new Uint8Array(await fsp.readFile(target))).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('treats a cancelled dialog as not saved, writing nothing', async () => {
    const { dialogs } = fakeDialogs(null, null);
    await expect(savePlanWithDialog(dialogs, { suggestedName: 'p', bytes: new Uint8Array([1]) })).resolves.toEqual({
      ok: true,
      value: { saved: false },
    });
    expect(await fsp.readdir(dir)).toEqual([]);
  });

  it('reports a failed write as a result, not a throw', async () => {
    const target = path.join(dir, 'missing-dir', 'plan.baton');
    const { dialogs } = fakeDialogs(target, null);
    const result = await savePlanWithDialog(dialogs, { suggestedName: 'p', bytes: new Uint8Array([1]) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^could not write plan\.baton: .*ENOENT/);
  });
});

describe('openPlanWithDialog', () => {
  it('reads the chosen file', async () => {
    const source = path.join(dir, 'team.baton');
    await fsp.writeFile(source, Buffer.from([5, 6, 7]));
    const result = await openPlanWithDialog(fakeDialogs(null, source).dialogs);
    expect(result).toEqual({ ok: true, value: { opened: true, name: 'team.baton', bytes: new Uint8Array([5, 6, 7]) } });
  });

  it('treats a cancelled dialog as not opened', async () => {
    await expect(openPlanWithDialog(fakeDialogs(null, null).dialogs)).resolves.toEqual({ ok: true, value: { opened: false } });
  });

  it('refuses a file over 64 MiB without reading it', async () => {
    const source = path.join(dir, 'huge.baton');
    await fsp.writeFile(source, '');
    await fsp.truncate(source, MAX_PLAN_FILE_BYTES + 1); // sparse: no 64 MiB of disk needed
    await expect(openPlanWithDialog(fakeDialogs(null, source).dialogs)).resolves.toEqual({
      ok: false,
      error: 'huge.baton is larger than 64 MiB, too big to be a plan',
    });
  });

  it('refuses a directory and a missing file with a result', async () => {
    await expect(openPlanWithDialog(fakeDialogs(null, dir).dialogs)).resolves.toEqual({
      ok: false,
      error: `${path.basename(dir)} is not a file`,
    });
    const missing = await openPlanWithDialog(fakeDialogs(null, path.join(dir, 'nope.baton')).dialogs);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error).toMatch(/^could not read nope\.baton: .*ENOENT/);
  });
});

describe('createIpcHandlers behind the router', () => {
  it('serves app:info and a full save/open round trip through the contract', async () => {
    const target = path.join(dir, 'round.baton');
    const router = createIpcRouter(
      createIpcHandlers({ app: { version: '0.1.0', platform: 'linux' }, dialogs: fakeDialogs(target, target).dialogs, hosting: unusedHosting }),
      isTrustedIpcSender,
    );
    const app = 'app://baton/index.html';
    await expect(router.handle('app:info', app, {})).resolves.toEqual({
      ok: true,
      value: { version: '0.1.0', platform: 'linux', electron: true },
    });
    const bytes = new TextEncoder().encode('BATON\u0001 plan bytes');
    await expect(router.handle('file:save-plan', app, { suggestedName: 'round', bytes })).resolves.toEqual({
      ok: true,
      value: { saved: true, path: target },
    });
    await expect(router.handle('file:open-plan', app, {})).resolves.toEqual({
      ok: true,
      value: { opened: true, name: 'round.baton', bytes },
    });
  });

  it('reports a write failure with the channel in front', async () => {
    const router = createIpcRouter(
      createIpcHandlers({ app: { version: '0.1.0', platform: 'linux' }, dialogs: fakeDialogs(path.join(dir, 'x', 'y.baton'), null).dialogs, hosting: unusedHosting }),
      isTrustedIpcSender,
    );
    const result = await router.handle('file:save-plan', 'app://baton/', { suggestedName: 'y', bytes: new Uint8Array([1]) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^file:save-plan: could not write y\.baton: /);
  });
});
