/**
 * A check of every WebSocket frame before Hocuspocus sees it. Hocuspocus survives most
 * garbage, but some of it (a truncated envelope before authentication, a bare byte) makes it
 * log stack traces or leave the socket half-open; and a malformed Yjs update must be refused
 * before anything is applied, so the plan stays as it was. A frame that fails here closes
 * its own connection and nothing else.
 */
import * as decoding from 'lib0/decoding';
import { isWellFormedStateVector, isWellFormedUpdate } from '../../../shared/doc';

/** Hocuspocus message types (the first varUint after the document name). */
const MESSAGE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  syncReply: 4,
  stateless: 5,
  broadcastStateless: 6,
  close: 7,
  syncStatus: 8,
  ping: 9,
  pong: 10,
} as const;

/** y-protocols sync sub-types. */
const SYNC = { step1: 0, step2: 1, update: 2 } as const;

/** What to do with one frame. */
export type FrameVerdict =
  | { readonly kind: 'forward' }
  /** Well-formed but meant for no one here (a connection-level pong). */
  | { readonly kind: 'drop' }
  | { readonly kind: 'refuse'; readonly reason: string };

const FORWARD: FrameVerdict = { kind: 'forward' };
const DROP: FrameVerdict = { kind: 'drop' };
const refuse = (reason: string): FrameVerdict => ({ kind: 'refuse', reason });

/** Checks one binary frame: its envelope, and any Yjs payload it carries. */
export function checkSyncFrame(frame: Uint8Array): FrameVerdict {
  if (frame.byteLength === 0) return refuse('empty message');
  // Newer providers answer a server ping with a bare one-byte pong outside any document.
  if (frame.byteLength === 1 && frame[0] === MESSAGE.pong) return DROP;
  try {
    const decoder = decoding.createDecoder(frame);
    const documentName = decoding.readVarString(decoder);
    if (documentName.length === 0) return refuse('no document name');
    const type = decoding.readVarUint(decoder);
    return checkBody(type, decoder);
  } catch {
    return refuse('truncated or malformed message');
  }
}

function checkBody(type: number, decoder: decoding.Decoder): FrameVerdict {
  switch (type) {
    case MESSAGE.sync:
    case MESSAGE.syncReply:
      return checkSync(decoder);
    case MESSAGE.awareness:
      return checkAwareness(decoding.readVarUint8Array(decoder));
    case MESSAGE.auth:
      decoding.readVarUint(decoder);
      decoding.readVarString(decoder);
      return FORWARD;
    case MESSAGE.stateless:
    case MESSAGE.broadcastStateless:
      decoding.readVarString(decoder);
      return FORWARD;
    case MESSAGE.queryAwareness:
    case MESSAGE.close:
    case MESSAGE.syncStatus:
    case MESSAGE.ping:
    case MESSAGE.pong:
      return FORWARD;
    default:
      return refuse(`unknown message type ${type}`);
  }
}

function checkSync(decoder: decoding.Decoder): FrameVerdict {
  const step = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  switch (step) {
    case SYNC.step1:
      return isWellFormedStateVector(payload) ? FORWARD : refuse('malformed state vector');
    case SYNC.step2:
    case SYNC.update:
      return isWellFormedUpdate(payload) ? FORWARD : refuse('malformed document update');
    default:
      return refuse(`unknown sync step ${step}`);
  }
}

/** An awareness update: a count, then per client its id, clock and state as JSON. */
function checkAwareness(update: Uint8Array): FrameVerdict {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    JSON.parse(decoding.readVarString(decoder));
  }
  return FORWARD;
}
