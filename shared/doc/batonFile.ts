import * as Y from 'yjs';
import { fail, ok, type Result } from '../model';

/** The first bytes of every `.baton` file: "BATON" and a format byte, so a wrong file is told at once. */
export const BATON_MAGIC = new Uint8Array([0x42, 0x41, 0x54, 0x4f, 0x4e, 0x00]);
/** Version of the `.baton` container (not of the plan layout, which the document stores itself). */
export const BATON_FILE_VERSION = 1;
const HEADER_LENGTH = BATON_MAGIC.length + 2;

/** A `.baton` file: the magic, the container version (u16, little-endian) and the plan's whole Yjs update. */
export function encodeBatonFile(update: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_LENGTH + update.byteLength);
  out.set(BATON_MAGIC, 0);
  out[BATON_MAGIC.length] = BATON_FILE_VERSION & 0xff;
  out[BATON_MAGIC.length + 1] = BATON_FILE_VERSION >> 8;
  out.set(update, HEADER_LENGTH);
  return out;
}

/** True when the bytes start like a `.baton` file (used to tell files apart without trusting names). */
export function looksLikeBatonFile(bytes: Uint8Array): boolean {
  return bytes.byteLength >= BATON_MAGIC.length && BATON_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * The Yjs update inside a `.baton` file with only its header checked (magic, version); for
 * loading into a fresh document, which fails as a whole on bad data (PlanDocument.loadUpdate).
 */
export function batonFileUpdate(bytes: Uint8Array): Result<Uint8Array, string> {
  if (bytes.byteLength === 0) return fail('the file is empty');
  if (!looksLikeBatonFile(bytes)) return fail('not a Baton plan file (the header is missing or wrong)');
  if (bytes.byteLength < HEADER_LENGTH) return fail('the file is truncated (the header is incomplete)');
  const version = bytes[BATON_MAGIC.length]! | (bytes[BATON_MAGIC.length + 1]! << 8);
  if (version > BATON_FILE_VERSION) return fail(`file format version ${version} is newer than this Baton reads (${BATON_FILE_VERSION}); update Baton`);
  if (version < 1) return fail(`unknown file format version ${version}`);
  return ok(bytes.subarray(HEADER_LENGTH));
}

/** How a `.baton` file whose update does not decode is described. */
export const damagedPlanData = (detail: string): string => `the plan data is damaged or truncated (${detail || 'malformed update'})`;

/**
 * The Yjs update inside a `.baton` file, checked: the header, the version, and that the
 * update decodes. Nothing is applied anywhere here, so a bad file changes nothing.
 */
export function decodeBatonFile(bytes: Uint8Array): Result<Uint8Array, string> {
  const update = batonFileUpdate(bytes);
  if (!update.ok) return update;
  try {
    Y.decodeUpdate(update.value);
  } catch (e) {
    return fail(damagedPlanData((e as Error).message));
  }
  return update;
}
