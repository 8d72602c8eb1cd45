import type { BatonBridge } from '../../shared/ipc';
import { fail, ok, type Result } from '../../shared/model';

declare global {
  interface Window {
    /** Present only in the Electron window, exposed by the preload from the IPC contract. */
    baton?: BatonBridge;
  }
}

/** What differs between the desktop app and web mode; the rest of the renderer never asks which it is on. */
export interface Platform {
  readonly kind: 'electron' | 'web';
  /** Saves bytes under a suggested file name: a native save dialog, or a browser download. */
  saveFile(suggestedName: string, bytes: Uint8Array, mimeType: string): Promise<Result<boolean, string>>;
}

const webPlatform: Platform = {
  kind: 'web',
  async saveFile(suggestedName, bytes, mimeType) {
    const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType }));
    try {
      const link = document.createElement('a');
      link.href = url;
      link.download = suggestedName;
      link.rel = 'noopener';
      document.body.append(link);
      link.click();
      link.remove();
      return ok(true);
    } finally {
      // Give the browser a moment to start the download before the URL goes away.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    }
  },
};

function electronPlatform(bridge: BatonBridge): Platform {
  return {
    kind: 'electron',
    async saveFile(suggestedName, bytes) {
      const result = await bridge.savePlanFile({ suggestedName, bytes });
      return result.ok ? ok(result.value.saved) : fail(result.error);
    },
  };
}

/** The platform this renderer runs on. */
export const platform: Platform = typeof window !== 'undefined' && window.baton ? electronPlatform(window.baton) : webPlatform;

/** A file name made from a plan title: letters, digits and dashes. */
export function fileNameFor(title: string, extension: string): string {
  const base = title.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/[\s_]+/g, '-').toLowerCase().slice(0, 80) || 'plan';
  return `${base}.${extension}`;
}
