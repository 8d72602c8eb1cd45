import { toPng, toSvg } from 'html-to-image';

/** Image formats of the canvas. */
export type CanvasImageFormat = 'png' | 'svg';

const dataUrlBytes = (url: string): Uint8Array => {
  const comma = url.indexOf(',');
  const meta = url.slice(0, comma);
  const body = url.slice(comma + 1);
  if (meta.endsWith(';base64')) return Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  return new TextEncoder().encode(decodeURIComponent(body));
};

/**
 * The canvas as it is drawn now (call after fitting the plan into view), as PNG or SVG
 * bytes. Controls, minimap and handles are left out: the picture is of the plan.
 */
export async function captureCanvas(canvas: HTMLElement, format: CanvasImageFormat): Promise<Uint8Array> {
  const flow = canvas.querySelector<HTMLElement>('.react-flow');
  if (!flow) throw new Error('the canvas is not on screen');
  const options = {
    backgroundColor: '#f8fafc',
    pixelRatio: 2,
    // Keep UI chrome out of the picture.
    filter: (node: HTMLElement) => !(node.classList?.contains('react-flow__minimap') || node.classList?.contains('react-flow__controls') || node.classList?.contains('react-flow__panel')),
  };
  const url = format === 'png' ? await toPng(flow, options) : await toSvg(flow, options);
  return dataUrlBytes(url);
}
