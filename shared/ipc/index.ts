/** The typed IPC contract between Electron's main process and the renderer. */
export * from './channels';
export * from './contract';
export * from './bridge';
