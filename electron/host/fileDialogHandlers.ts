/**
 * The `file:save-plan` and `file:open-plan` handlers. The native dialogs are injected (main
 * passes Electron's, tests pass fakes), so everything but the dialog window runs under Node.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_PLAN_FILE_BYTES, type IpcRequest, type IpcResponse, type IpcResult } from '../../shared/ipc';
import { writeFileAtomic } from './atomicWrite';

/** The native file dialogs; each resolves to the chosen absolute path, or null when the user cancels. */
export interface PlanFileDialogs {
  chooseSavePath(defaultFileName: string): Promise<string | null>;
  chooseOpenPath(): Promise<string | null>;
}

/** The extension of our own plan files. */
export const PLAN_FILE_EXTENSION = '.baton';

/** The name the save dialog proposes: the renderer's suggestion, ending in `.baton`. */
export function defaultPlanFileName(suggestedName: string): string {
  return suggestedName.toLowerCase().endsWith(PLAN_FILE_EXTENSION) ? suggestedName : `${suggestedName}${PLAN_FILE_EXTENSION}`;
}

/** Asks where to save, then writes atomically; a cancelled dialog is `{ saved: false }`, not an error. */
export async function savePlanWithDialog(
  dialogs: PlanFileDialogs,
  request: IpcRequest<'file:save-plan'>,
): Promise<IpcResult<IpcResponse<'file:save-plan'>>> {
  const target = await dialogs.chooseSavePath(defaultPlanFileName(request.suggestedName));
  if (target === null) return { ok: true, value: { saved: false } };
  const written = await writeFileAtomic(target, request.bytes);
  if (!written.ok) return written;
  return { ok: true, value: { saved: true, path: target } };
}

/** Asks which file to open and reads it, refusing files too big to be a plan before reading them. */
export async function openPlanWithDialog(dialogs: PlanFileDialogs): Promise<IpcResult<IpcResponse<'file:open-plan'>>> {
  const source = await dialogs.chooseOpenPath();
  if (source === null) return { ok: true, value: { opened: false } };
  const name = path.basename(source);
  try {
    const info = await stat(source);
    if (!info.isFile()) return { ok: false, error: `${name} is not a file` };
    if (info.size > MAX_PLAN_FILE_BYTES) return { ok: false, error: `${name} is larger than 64 MiB, too big to be a plan` };
    const bytes = await readFile(source);
    // The file may have grown between stat and read.
    if (bytes.byteLength > MAX_PLAN_FILE_BYTES) return { ok: false, error: `${name} is larger than 64 MiB, too big to be a plan` };
    return { ok: true, value: { opened: true, name, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) } };
  } catch (error) {
    return { ok: false, error: `could not read ${name}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
