// Images pasted or dropped into the panel: only PNG, JPEG, WebP and GIF; a large one is downscaled
// in the page (canvas) so its longer side is at most MAX_EDGE and it fits the size cap, before it is
// sent. The extension checks the bytes again (core/context/images.ts).
import type { SentImage } from '../src/protocol/sendContext';

const TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
const MAX_EDGE = 2048;
const MAX_BYTES = 5 * 1024 * 1024;
/** Larger files are refused before decoding (a decoded 100 MB image would stall the panel). */
const MAX_INPUT_BYTES = 40 * 1024 * 1024;

function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The image ready to send (with a data URL for its thumbnail), or a sentence saying why not. */
export async function prepareImage(file: File): Promise<(SentImage & { url: string }) | string> {
  const name = file.name || 'pasted image';
  if (!TYPES.includes(file.type)) return `${name} is not a PNG, JPEG, WebP or GIF image; only those can be sent to the model.`;
  if (file.size > MAX_INPUT_BYTES) return `${name} is too large (${(file.size / 1048576).toFixed(1)} MB); attach an image of at most 40 MB.`;
  let blob: Blob = file;
  let type = file.type;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
    if (scale < 1 || file.size > MAX_BYTES) {
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      // PNG keeps screenshots sharp; a photo that stays too big as PNG goes as JPEG.
      type = 'image/png';
      blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode'))), type));
      if (blob.size > MAX_BYTES) {
        type = 'image/jpeg';
        blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode'))), type, 0.85));
      }
    }
    bitmap.close();
  } catch {
    return `${name} could not be read as an image.`;
  }
  if (blob.size > MAX_BYTES) return `${name} is still larger than 5 MB after scaling it down; crop it and attach it again.`;
  const data = toBase64(await blob.arrayBuffer());
  return { name, data, url: `data:${type};base64,${data}` };
}
