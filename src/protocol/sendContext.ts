// The panel's context messages as zod schemas (imported by messages.ts): what a sent message carries
// besides its text (the selection, @-mentions, images), the @ picker's query and answer, and the
// editor facts the prompt shows (the selection chip, whether images can be sent).
import * as z from 'zod';

export const MentionKind = z.enum(['file', 'folder', 'problems', 'git', 'terminal', 'url']);
export type MentionKind = z.infer<typeof MentionKind>;

export const Mention = z.object({ kind: MentionKind, value: z.string().max(4096) });
export type Mention = z.infer<typeof Mention>;

/** An image as the panel sends it: base64 bytes (checked again by their content in the extension). */
export const SentImage = z.object({ name: z.string().max(300), data: z.string().max(8 * 1024 * 1024) });
export type SentImage = z.infer<typeof SentImage>;

export const SendContext = z.object({
  /** Attach the editor's selection (the chip was not removed). */
  selection: z.boolean(),
  mentions: z.array(Mention).max(20),
  images: z.array(SentImage).max(8),
});
export type SendContext = z.infer<typeof SendContext>;

export const MentionQuery = z.object({ type: z.literal('mentionQuery'), query: z.string().max(500), seq: z.number().int() });

export const MentionOption = z.object({ kind: MentionKind, value: z.string(), label: z.string(), detail: z.string().optional() });
export type MentionOption = z.infer<typeof MentionOption>;

export const MentionResults = z.object({ type: z.literal('mentionResults'), seq: z.number().int(), options: z.array(MentionOption) });

export const EditorContext = z.object({
  type: z.literal('editorContext'),
  /** The selection chip, when an editor is active and attaching is on. */
  chip: z.object({ label: z.string(), title: z.string() }).optional(),
  /** Why images cannot be sent now (vision off or unknown model); undefined when they can. */
  imagesOff: z.string().optional(),
});
export type EditorContext = z.infer<typeof EditorContext>;
