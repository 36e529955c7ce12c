// Owns `tandem exec --image FILE`: each file read (capped, regular files only) and checked by its
// bytes, and refused with a clear message when the model does not take images. The CLI does not
// downscale (the panel does): an image over the cap is refused with what to do instead.
import * as path from 'node:path';
import { acceptsImages, checkImage, ImageError, MAX_IMAGE_BYTES, type VisionSetting } from '../core/context/images';
import type { ImagePart } from '../core/llm/provider';
import { readRegularFile } from '../core/util/files';

/** The images to send, or an error sentence for stderr. */
export async function loadCliImages(files: string[], cwd: string, model: string, vision: VisionSetting): Promise<{ images: ImagePart[] } | { error: string }> {
  if (files.length === 0) return { images: [] };
  if (!acceptsImages(model, vision)) {
    return { error: vision === 'off' ? '--image was given but --vision is off, so the image cannot be sent. Drop --vision off or the --image.' : `--image was given but the model "${model}" is not known to accept images. If it does, add --vision on.` };
  }
  const images: ImagePart[] = [];
  for (const file of files) {
    try {
      const read = await readRegularFile(path.resolve(cwd, file), { maxBytes: MAX_IMAGE_BYTES + 1, shown: file });
      images.push(checkImage(read.buf, file));
    } catch (err) {
      if (err instanceof ImageError) return { error: err.message };
      const code = (err as NodeJS.ErrnoException).code;
      return { error: code === 'ENOENT' ? `--image ${file} does not exist.` : `--image ${file} could not be read: ${(err as Error).message}` };
    }
  }
  return { images };
}
