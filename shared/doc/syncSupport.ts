/**
 * What the sync server (Hocuspocus, in electron/host/sync) needs from Yjs, so that it never
 * imports `yjs` itself: checks that bytes from the wire are well-formed before Hocuspocus
 * applies them, and a document's whole state for diagnostics and tests.
 */
import * as Y from 'yjs';

/** True when `update` decodes as a Yjs (v1) update; nothing is applied anywhere. */
export function isWellFormedUpdate(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  }
}

/** True when `stateVector` decodes as a Yjs state vector (what a sync step 1 carries). */
export function isWellFormedStateVector(stateVector: Uint8Array): boolean {
  try {
    Y.decodeStateVector(stateVector);
    return true;
  } catch {
    return false;
  }
}

/** The whole state of a Y.Doc handed over by a sync provider, as one Yjs update. */
export function encodeDocumentState(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(doc);
}
