/**
 * The licence notices of the packages bundled into Baton. Every bundle carries other people's
 * code (MIT, ISC, BSD, Apache-2.0, ELK's EPL-2.0), and those licences ask for their notices to
 * travel with every copy. The build writes them beside the bundles, listing the packages the
 * bundler actually put in, so the list can neither miss a package nor name one left out.
 * Build-time code: run by electron/bundle.ts and vite.config.ts, never by the app.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One bundled package and what its licence asks to be kept with it. */
export interface PackageNotice {
  readonly name: string;
  readonly version: string;
  /** The package.json `license` field as written ("MIT", "EPL-2.0 OR GPL-3.0-or-later"). */
  readonly license: string;
  /** The package's own licence and notice files, by file name. */
  readonly texts: readonly { readonly file: string; readonly text: string }[];
}

/** node_modules/<name>/ or node_modules/@scope/<name>/, the last one in a path (nested installs). */
const PACKAGE_IN_PATH = /(?:^|\/)node_modules\/(?:@[^/]+\/)?[^/]+(?=\/)/g;
/** LICENSE, LICENCE.md, COPYING, NOTICE.txt, LICENSE-MIT ... */
const NOTICE_FILE = /^(licen[cs]e|copying|notice)([.-].*)?$/i;

/**
 * The directory of the package that holds `file`, or null for a file outside node_modules
 * (Baton's own code). Takes bundler module ids too: a leading NUL or a `?query` is ignored.
 */
export function packageRootOf(file: string): string | null {
  const normal = file.replace(/^\0/, '').replace(/\?.*$/, '').split(path.sep).join('/');
  let root: string | null = null;
  for (const match of normal.matchAll(PACKAGE_IN_PATH)) root = normal.slice(0, match.index + match[0].length);
  return root;
}

function readNotice(root: string): PackageNotice {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name?: string; version?: string; license?: unknown };
  const files = readdirSync(root)
    .filter((file) => NOTICE_FILE.test(file))
    .sort();
  return {
    name: manifest.name ?? path.basename(root),
    version: manifest.version ?? 'unknown',
    license: typeof manifest.license === 'string' ? manifest.license : 'not declared',
    texts: files.map((file) => ({ file, text: readFileSync(path.join(root, file), 'utf8').trim() })),
  };
}

/** The notices of the packages holding `files` (paths or module ids), one per package and version, by name. */
export function collectNotices(files: Iterable<string>): PackageNotice[] {
  const roots = new Set<string>();
  for (const file of files) {
    const root = packageRootOf(file);
    if (root !== null) roots.add(root);
  }
  const byPackage = new Map<string, PackageNotice>();
  for (const root of roots) {
    const notice = readNotice(root);
    byPackage.set(`${notice.name}@${notice.version}`, notice);
  }
  return [...byPackage.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1));
}

const RULE = '='.repeat(72);

/** The notices as the plain-text file shipped beside `what` (e.g. "the Baton app's window"). */
export function renderNotices(what: string, notices: readonly PackageNotice[]): string {
  const sections = notices.map((n) => {
    const head = `${RULE}\n${n.name} ${n.version}\nLicence: ${n.license}\n`;
    if (!n.texts.length) return `${head}\n(The package ships no licence file; its package.json declares the licence above.)\n`;
    return `${head}${n.texts.map((t) => `\n--- ${t.file} ---\n\n${t.text}\n`).join('')}`;
  });
  return `Third-party software in ${what}\n\nThese ${notices.length} packages are bundled into ${what}. Their licences ask for these notices to be kept with every copy.\n\n${sections.join('\n')}`;
}
