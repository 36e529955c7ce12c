// Owns the checks on images the user attaches (panel paste/drop, `tandem exec --image`) and on
// images MCP tools return: only PNG, JPEG, WebP and GIF, recognised by their bytes (not by the
// name or the declared type), within a size cap; and whether a model accepts images at all.
import type { ImagePart, Message } from '../llm/provider';

export const IMAGE_MIMES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type ImageMime = (typeof IMAGE_MIMES)[number];

/** Largest image sent (after the panel's downscaling); hosted APIs refuse larger ones. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** The panel downscales images whose longer side is larger than this (pixels). */
export const MAX_IMAGE_EDGE = 2048;
/** Images per message. */
export const MAX_IMAGES = 8;

export class ImageError extends Error {}

/** The image type from the file's first bytes, or undefined for anything else. */
export function sniffImageMime(buf: Uint8Array): ImageMime | undefined {
  const b = (i: number) => buf[i];
  if (buf.length >= 8 && b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47 && b(4) === 0x0d && b(5) === 0x0a && b(6) === 0x1a && b(7) === 0x0a) return 'image/png';
  if (buf.length >= 3 && b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'image/jpeg';
  if (buf.length >= 6 && String.fromCharCode(...buf.subarray(0, 6)).match(/^GIF8[79]a$/)) return 'image/gif';
  if (buf.length >= 12 && String.fromCharCode(...buf.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...buf.subarray(8, 12)) === 'WEBP') return 'image/webp';
  return undefined;
}

/**
 * Checks an image's bytes and returns it as an image part; throws ImageError with a sentence the
 * user can act on. `name` is only for messages.
 */
export function checkImage(buf: Uint8Array, name: string, maxBytes = MAX_IMAGE_BYTES): ImagePart {
  const mime = sniffImageMime(buf);
  if (!mime) throw new ImageError(`${name} is not a PNG, JPEG, WebP or GIF image; only those can be sent to the model.`);
  if (buf.length > maxBytes) throw new ImageError(`${name} is ${mb(buf.length)}, more than the ${mb(maxBytes)} an image may have; scale it down or crop it and attach it again.`);
  return { mime, data: Buffer.from(buf).toString('base64') };
}

/** Checks base64 image data (from the panel or an MCP tool) the same way. */
export function checkImageData(base64: string, name: string, maxBytes = MAX_IMAGE_BYTES): ImagePart {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new ImageError(`${name} is not valid base64 image data.`);
  // Decoded size first: a huge string is refused before it is decoded.
  if ((base64.length * 3) / 4 > maxBytes + 3) throw new ImageError(`${name} is ${mb((base64.length * 3) / 4)}, more than the ${mb(maxBytes)} an image may have; scale it down or crop it and attach it again.`);
  return checkImage(Buffer.from(base64, 'base64'), name, maxBytes);
}

function mb(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

export type VisionSetting = 'auto' | 'on' | 'off';

/** Model-name patterns of models that accept images (tandem.chat.vision "auto"). */
const VISION_MODELS: RegExp[] = [
  /gpt-4o|gpt-4\.1|gpt-4-turbo|gpt-4-vision|gpt-5|chatgpt-4o/i,
  /(^|[^a-z0-9])o[134](?!-mini)([^a-z0-9]|$)/i,
  /claude-(3|sonnet|opus|haiku)|claude-[a-z]+-4/i,
  /gemini|gemma-?3/i,
  /llava|bakllava|moondream|minicpm-v|pixtral|llama-?3\.2-vision|llama-?4|qwen[0-9.]*-?vl|internvl|idefics|vision|-vl\b|mistral-(small|medium)-3/i,
];

/** Whether images are sent to this model. */
export function acceptsImages(model: string, setting: VisionSetting): boolean {
  if (setting !== 'auto') return setting === 'on';
  return VISION_MODELS.some((r) => r.test(model));
}

/** The message shown when images are attached but the model does not take them. */
export function visionOffMessage(model: string, setting: VisionSetting): string {
  return setting === 'off'
    ? `Images are switched off (tandem.chat.vision is "off"), so the attached image was not sent. Set it to "on" or "auto" to send images.`
    : `The model "${model}" is not known to accept images, so the attached image was not sent. If it does, set tandem.chat.vision to "on".`;
}

/**
 * A stored conversation without image bytes (tasks are kept in the editor's workspace state, where
 * megabytes per image do not belong); each image leaves a note in its message's text.
 */
export function withoutImages<T extends { messages: Message[] }>(session: T): T {
  if (!session.messages.some((m) => m.role !== 'assistant' && m.images?.length)) return session;
  const messages = session.messages.map((m): Message => {
    if (m.role === 'assistant' || !m.images?.length) return m;
    const { images, ...rest } = m;
    return { ...rest, content: `${m.content}\n[${images.length === 1 ? 'an image was' : `${images.length} images were`} attached here; images are not kept in saved tasks]` };
  });
  return { ...session, messages };
}
