import path from 'node:path';
import type { CliContext, TextOutput } from '../../../../electron/host/cli/cliContext';
import { fail, ok, type Result } from '../../../../shared/model/result';

/** A TextOutput that keeps what was written. */
export class CapturedOutput implements TextOutput {
  text = '';
  write(text: string): boolean {
    this.text += text;
    return true;
  }
}

/** A CliContext whose outputs, stop button, browser and Electron lookup are in the test's hands. */
export interface FakeCliContext extends CliContext {
  readonly stdout: CapturedOutput;
  readonly stderr: CapturedOutput;
  readonly openedUrls: string[];
  stop(): void;
}

export interface FakeCliContextOptions {
  readonly distDir?: string;
  readonly env?: Record<string, string | undefined>;
  readonly electronBinary?: string | null;
  readonly browserResult?: Result<void, string>;
}

export function fakeCliContext(options: FakeCliContextOptions = {}): FakeCliContext {
  const controller = new AbortController();
  const openedUrls: string[] = [];
  return {
    stdout: new CapturedOutput(),
    stderr: new CapturedOutput(),
    env: options.env ?? {},
    stopSignal: controller.signal,
    distDir: options.distDir ?? path.join('/nonexistent', 'baton-dist'),
    openedUrls,
    stop: () => controller.abort(),
    openBrowser: (url) => {
      openedUrls.push(url);
      return Promise.resolve(options.browserResult ?? ok(undefined));
    },
    locateElectron: () => options.electronBinary ?? null,
  };
}

/** A failed browser launch, as a machine without a browser reports it. */
export const NO_BROWSER = fail('xdg-open is not installed');

/** Waits until `output` contains a match for `pattern` and returns the match. */
export async function waitForOutput(output: CapturedOutput, pattern: RegExp, timeoutMs = 10_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = output.text.match(pattern);
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} in output:\n${output.text}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The `Baton is running at URL` line's URL. */
export const RUNNING_AT = /Baton is running at (http:\/\/\S+)/;
