import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A stand-in for dist/renderer, with a secret file beside it that no request may reach. */
export interface TempRenderer {
  readonly root: string;
  readonly secretText: string;
  remove(): Promise<void>;
}

export const INDEX_HTML = '<!doctype html><html><head><title>Baton</title></head><body><div id="root"></div></body></html>\n';
export const APP_JS = 'console.log("baton");\n';
export const APP_CSS = 'body { margin: 0; }\n';

/** Writes index.html and two assets into a fresh temp dir; secret.txt sits in its parent. */
export async function createTempRenderer(): Promise<TempRenderer> {
  const parent = await mkdtemp(path.join(tmpdir(), 'baton-web-'));
  const root = path.join(parent, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), INDEX_HTML);
  await writeFile(path.join(root, 'assets', 'app.js'), APP_JS);
  await writeFile(path.join(root, 'assets', 'app.css'), APP_CSS);
  const secretText = 'SECRET-OUTSIDE-THE-ROOT';
  await writeFile(path.join(parent, 'secret.txt'), secretText);
  return { root, secretText, remove: () => rm(parent, { recursive: true, force: true }) };
}
