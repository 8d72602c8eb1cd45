/**
 * Transaction origins: every write says where it came from. The UndoManager tracks only a
 * user's own local origin, so undo never removes a teammate's work; remote, load and
 * migration writes are never undoable.
 */
export interface Origin {
  readonly kind: 'local' | 'remote' | 'load' | 'migration' | 'activity';
  readonly actor?: string;
}

/** A user's own edits through commands (one object per open document). */
export const localOrigin = (actor: string): Origin => Object.freeze({ kind: 'local', actor });
/** Updates from a peer, a server or a merged file. */
export const REMOTE_ORIGIN: Origin = Object.freeze({ kind: 'remote' });
/** Reading a document from local storage or a file into an empty document. */
export const LOAD_ORIGIN: Origin = Object.freeze({ kind: 'load' });
/** Upgrading an old document's layout. */
export const MIGRATION_ORIGIN: Origin = Object.freeze({ kind: 'migration' });
/** Appending to the activity log after a local edit or an undo. */
export const ACTIVITY_ORIGIN: Origin = Object.freeze({ kind: 'activity' });
