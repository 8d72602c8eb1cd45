/**
 * The sandboxed preload: exposes `window.baton`, one named function per IPC channel, and
 * nothing else. It may import only `electron` and code bundled into it.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBatonBridge } from '../../shared/ipc/bridge';

// The arrow keeps ipcRenderer itself out of reach: the page gets functions, not the object.
contextBridge.exposeInMainWorld(
  'baton',
  createBatonBridge((channel, request) => ipcRenderer.invoke(channel, request)),
);
