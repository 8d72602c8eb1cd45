/**
 * Every IPC channel's handler, assembled from what main knows about the running app and
 * the native dialogs it injects.
 */
import type { IpcHandlers } from './ipcRouter';
import { openPlanWithDialog, savePlanWithDialog, type PlanFileDialogs } from './fileDialogHandlers';

/** The facts about the running app that `app:info` reports. */
export interface AppIdentity {
  readonly version: string;
  readonly platform: string;
}

/** What the handlers need from Electron, injected so they run under Node in tests. */
export interface IpcHandlerDependencies {
  readonly app: AppIdentity;
  readonly dialogs: PlanFileDialogs;
}

/** The handler map for createIpcRouter. */
export function createIpcHandlers({ app, dialogs }: IpcHandlerDependencies): IpcHandlers {
  return {
    'app:info': async () => ({ ok: true, value: { version: app.version, platform: app.platform, electron: true } }),
    'file:save-plan': (request) => savePlanWithDialog(dialogs, request),
    'file:open-plan': () => openPlanWithDialog(dialogs),
  };
}
