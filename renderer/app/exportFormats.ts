import { encodeBatonFile, type PlanDocument } from '../../shared/doc';
import type { ExportOptions } from '../../shared/export/exportContext';
import { TEXT_FORMATS } from '../../shared/export/formats';
import { captureCanvas } from '../canvas/canvasImage';
import type { ExportFormat } from '../panels/ExportDialog';

const text = (value: string) => new TextEncoder().encode(value);

/** Every format the Export dialog offers for a plan, produced from its current state on demand; `options` go to the text exporters (a session's id, say). */
export function exportFormats(plan: PlanDocument, options: ExportOptions = {}): readonly ExportFormat[] {
  const canvas = () => {
    const element = document.querySelector<HTMLElement>('.canvas');
    if (!element) throw new Error('open the Canvas view to export it as an image');
    return element;
  };
  return [
    ...TEXT_FORMATS.map((f): ExportFormat => ({
      id: f.id,
      label: f.label,
      extension: f.extension,
      mimeType: f.mimeType,
      preview: 'text',
      produce: async () => text(f.render(plan.getSnapshot(), options)),
    })),
    { id: 'baton', label: 'Baton plan file', extension: 'baton', mimeType: 'application/x-baton-plan', preview: 'none', produce: async () => encodeBatonFile(plan.encodeState()) },
    { id: 'png', label: 'Canvas image (PNG)', extension: 'png', mimeType: 'image/png', preview: 'image', produce: () => captureCanvas(canvas(), 'png') },
    { id: 'svg', label: 'Canvas image (SVG)', extension: 'svg', mimeType: 'image/svg+xml', preview: 'image', produce: () => captureCanvas(canvas(), 'svg') },
  ];
}
