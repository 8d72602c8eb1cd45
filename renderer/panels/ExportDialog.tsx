import { useEffect, useState } from 'react';
import { ModalDialog } from './ModalDialog';
import { fileNameFor, platform } from '../app/platform';

/** One thing the plan can be exported as. */
export interface ExportFormat {
  readonly id: string;
  readonly label: string;
  readonly extension: string;
  readonly mimeType: string;
  /** How the preview shows it. */
  readonly preview: 'text' | 'image' | 'none';
  produce(): Promise<Uint8Array>;
}

/** Work that takes longer than this shows a progress indicator. */
const PROGRESS_DELAY_MS = 500;

type Produced = { readonly format: string; readonly bytes: Uint8Array; readonly url?: string } | { readonly format: string; readonly error: string };

/** The Export dialog: pick a format, see a preview, save it (native dialog in Electron, download on the web). */
export function ExportDialog({ title, formats, onClose, label = 'Export plan' }: { title: string; formats: readonly ExportFormat[]; onClose(): void; label?: string }) {
  const [formatId, setFormatId] = useState(formats[0]!.id);
  const [produced, setProduced] = useState<Produced | null>(null);
  const [slow, setSlow] = useState(false);
  const [saveMessage, setSaveMessage] = useState<string | null>(null);
  const format = formats.find((f) => f.id === formatId)!;

  useEffect(() => {
    let cancelled = false;
    setProduced(null);
    setSaveMessage(null);
    const timer = setTimeout(() => !cancelled && setSlow(true), PROGRESS_DELAY_MS);
    // Let the dialog paint before a long export starts.
    const start = setTimeout(() => {
      format.produce().then(
        (bytes) => {
          if (cancelled) return;
          const url = format.preview === 'image' ? URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: format.mimeType })) : undefined;
          setProduced({ format: format.id, bytes, url });
        },
        (e: unknown) => !cancelled && setProduced({ format: format.id, error: e instanceof Error ? e.message : String(e) }),
      ).finally(() => {
        clearTimeout(timer);
        if (!cancelled) setSlow(false);
      });
    }, 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      clearTimeout(start);
    };
  }, [format]);

  useEffect(() => () => void (produced && 'url' in produced && produced.url && URL.revokeObjectURL(produced.url)), [produced]);

  async function save() {
    if (!produced || 'error' in produced) return;
    const saved = await platform.saveFile(fileNameFor(title, format.extension), produced.bytes, format.mimeType);
    setSaveMessage(saved.ok ? (saved.value ? 'Saved.' : 'Not saved.') : `Could not save: ${saved.error}`);
  }

  const ready = produced && produced.format === format.id ? produced : null;
  return (
    <ModalDialog label={label} className="export-dialog" onClose={onClose}>
      <label className="export-dialog__format">
        Format{' '}
        <select value={formatId} onChange={(e) => setFormatId(e.target.value)}>
          {formats.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label} (.{f.extension})
            </option>
          ))}
        </select>
      </label>
      <div className="export-dialog__preview" aria-label="Preview" aria-busy={!ready}>
        {!ready && slow && (
          <div role="progressbar" aria-label="Preparing the export" className="progress">
            Preparing the export…
          </div>
        )}
        {ready && 'error' in ready && (
          <p role="alert" className="error">
            Could not export: {ready.error}
          </p>
        )}
        {ready && !('error' in ready) && format.preview === 'text' && (
          <textarea readOnly aria-label="Export preview" value={new TextDecoder().decode(ready.bytes)} />
        )}
        {ready && !('error' in ready) && format.preview === 'image' && ready.url && <img src={ready.url} alt="Preview of the exported image" />}
        {ready && !('error' in ready) && format.preview === 'none' && (
          <p className="muted">
            {ready.bytes.byteLength.toLocaleString()} bytes, ready to save.
          </p>
        )}
      </div>
      <footer className="export-dialog__footer">
        {saveMessage && <span role="status">{saveMessage}</span>}
        <button type="submit" disabled={!ready || 'error' in ready} onClick={save}>
          Save
        </button>
      </footer>
    </ModalDialog>
  );
}
