// Owns turning an ACP prompt (content blocks) into what Tandem's turn takes: the text blocks joined,
// resource links to workspace files attached like @-mentions (jailed, secrets refused), embedded
// resources attached as the editor sent them (its unsaved text), images passed on when the model
// takes them. Anything that cannot be used is said in a note, never dropped silently.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as acp from '@agentclientprotocol/sdk';
import type { Attachment } from '../../core/context/attachments';
import { checkImageData } from '../../core/context/images';
import { MentionError, resolveMention } from '../../core/context/mentions';
import type { ImagePart } from '../../core/llm/provider';

export interface PromptParts {
  text: string;
  attachments: Attachment[];
  images: ImagePart[];
  notes: string[];
}

/** The workspace-relative path a file URI (or absolute path) names, or undefined when it is outside. */
function workspacePath(root: string, uri: string): string | undefined {
  let abs: string;
  try {
    abs = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  } catch {
    return undefined;
  }
  if (!path.isAbsolute(abs)) return undefined;
  const rel = path.relative(root, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : undefined;
}

export async function promptParts(root: string, blocks: acp.ContentBlock[], imagesAccepted: boolean): Promise<PromptParts> {
  const out: PromptParts = { text: '', attachments: [], images: [], notes: [] };
  const texts: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'text':
        texts.push(b.text);
        break;
      case 'resource_link': {
        const rel = workspacePath(root, b.uri);
        if (!rel) {
          out.notes.push(`${b.name || b.uri} was not attached: only files inside the workspace can be.`);
          break;
        }
        try {
          out.attachments.push(await resolveMention(root, rel));
        } catch (err) {
          out.notes.push(err instanceof MentionError ? err.message : `${rel} was not attached (${(err as Error).message}).`);
        }
        break;
      }
      case 'resource': {
        const r = b.resource;
        if (!('text' in r)) {
          out.notes.push(`${r.uri} was not attached: it is binary, and only text can be.`);
          break;
        }
        const rel = workspacePath(root, r.uri);
        try {
          // Embedded text is what the editor holds (maybe unsaved); a path inside is still checked for secrets.
          if (rel) await resolveMention(root, rel).catch((err: unknown) => {
            if (err instanceof MentionError && !/does not exist/.test(err.message)) throw err;
          });
          out.attachments.push({ kind: 'file', source: rel ?? r.uri, text: r.text });
        } catch (err) {
          out.notes.push((err as Error).message);
        }
        break;
      }
      case 'image':
        if (!imagesAccepted) {
          out.notes.push('An image was not sent: this model does not take images (start Tandem with --vision on if it does).');
          break;
        }
        try {
          out.images.push(checkImageData(b.data, b.uri ?? 'image'));
        } catch (err) {
          out.notes.push((err as Error).message);
        }
        break;
      default:
        out.notes.push(`A ${b.type} part of the prompt was not sent: Tandem takes text, files and images.`);
    }
  }
  out.text = texts.join('\n');
  return out;
}
