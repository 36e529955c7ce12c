// The prompt's context in the panel: the selection chip (removable for one message), the @ picker
// (a listbox of workspace files, folders and @problems/@git/@terminal/@url, driven by the keyboard),
// pasted or dropped images (type-checked, downscaled when large, shown as removable thumbnails),
// and Up/Down recall of earlier prompts. main.ts creates one Composer and asks it for the context
// of each message it sends.
import type { EditorContext, Mention, MentionOption, SendContext, SentImage } from '../src/protocol/sendContext';
import type { ToExtension } from '../src/protocol/messages';
import { prepareImage } from './images';

const SPECIAL = /(^|[\s(])@(problems|git|terminal)\b/g;
const URL_MENTION = /(^|[\s(])@(https?:\/\/[^\s)]+)/g;
const HISTORY_MAX = 50;

export interface ComposerStore {
  history: string[];
}

export class Composer {
  private editor: EditorContext = { type: 'editorContext' };
  private chipRemoved = false;
  private picked: Mention[] = [];
  private images: Array<SentImage & { url: string }> = [];
  private options: MentionOption[] = [];
  private active = 0;
  private seq = 0;
  private query: { start: number; end: number } | undefined;
  private historyAt: number | undefined;
  private lastSent: { text: string; images: Array<SentImage & { url: string }>; picked: Mention[] } | undefined;

  constructor(
    private readonly prompt: HTMLTextAreaElement,
    private readonly tray: HTMLElement,
    private readonly picker: HTMLElement,
    private readonly post: (m: ToExtension) => void,
    private readonly refuse: (message: string) => void,
    private readonly store: ComposerStore,
    private readonly save: () => void,
  ) {
    prompt.setAttribute('aria-autocomplete', 'list');
    prompt.setAttribute('aria-controls', picker.id);
    prompt.addEventListener('input', () => this.onInput());
    prompt.addEventListener('paste', (ev) => this.onPaste(ev));
    prompt.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    const drop = prompt.closest('footer') ?? prompt;
    drop.addEventListener('dragover', (ev) => {
      if (Array.from((ev as DragEvent).dataTransfer?.items ?? []).some((i) => i.kind === 'file')) ev.preventDefault();
    });
    drop.addEventListener('drop', (ev) => this.onDrop(ev as DragEvent));
    picker.addEventListener('mousedown', (ev) => {
      const li = (ev.target as HTMLElement).closest('[data-testid=mention-option]');
      if (!li) return;
      ev.preventDefault();
      this.pick(Number(li.getAttribute('data-index')));
    });
    tray.addEventListener('click', (ev) => {
      const b = (ev.target as HTMLElement).closest('button');
      if (!b) return;
      if (b.dataset.action === 'removeChip') this.chipRemoved = true;
      else if (b.dataset.action === 'removeImage') this.images.splice(Number(b.dataset.index), 1);
      this.renderTray();
      prompt.focus();
    });
    this.renderTray();
  }

  onEditorContext(m: EditorContext): void {
    if (m.chip?.label !== this.editor.chip?.label) this.chipRemoved = false;
    this.editor = m;
    this.renderTray();
  }

  onMentionResults(seq: number, options: MentionOption[]): void {
    if (seq !== this.seq || !this.query) return;
    this.options = options;
    this.active = 0;
    this.renderPicker();
  }

  /** Handles keys the picker and the history own; true when the key was used. */
  onKeydown(ev: KeyboardEvent): boolean {
    if (!this.picker.hidden && this.options.length) {
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        this.active = (this.active + (ev.key === 'ArrowDown' ? 1 : -1) + this.options.length) % this.options.length;
        this.renderPicker();
        return true;
      }
      if ((ev.key === 'Enter' || ev.key === 'Tab') && !ev.shiftKey) {
        this.pick(this.active);
        return true;
      }
    }
    if (ev.key === 'Escape' && !this.picker.hidden) {
      this.close();
      return true;
    }
    if ((ev.key === 'ArrowUp' || ev.key === 'ArrowDown') && !ev.shiftKey && !ev.altKey) return this.recall(ev.key === 'ArrowUp' ? -1 : 1);
    return false;
  }

  /** Earlier prompts: Up on the first line goes back, Down on the last line forward. */
  private recall(dir: -1 | 1): boolean {
    const p = this.prompt;
    const h = this.store.history;
    if (!h.length) return false;
    const onFirst = !p.value.slice(0, p.selectionStart).includes('\n');
    const onLast = !p.value.slice(p.selectionEnd).includes('\n');
    if ((dir < 0 && !onFirst) || (dir > 0 && !onLast)) return false;
    if (dir > 0 && this.historyAt === undefined) return false;
    // Up from a draft that is not from the history does nothing (it would be lost).
    if (dir < 0 && this.historyAt === undefined && p.value.trim()) return false;
    const next = (this.historyAt ?? h.length) + dir;
    if (next < 0) return true;
    if (next >= h.length) {
      this.historyAt = undefined;
      p.value = '';
    } else {
      this.historyAt = next;
      p.value = h[next];
    }
    p.setSelectionRange(p.value.length, p.value.length);
    return true;
  }

  private onInput(): void {
    this.historyAt = undefined;
    const p = this.prompt;
    const before = p.value.slice(0, p.selectionStart);
    const m = /(^|[\s(])@([^\s@]*)$/.exec(before);
    if (!m) return this.close();
    this.query = { start: before.length - m[2].length - 1, end: before.length };
    this.seq += 1;
    this.post({ type: 'mentionQuery', query: m[2], seq: this.seq });
  }

  private pick(index: number): void {
    const o = this.options[index];
    if (!o || !this.query) return;
    const p = this.prompt;
    const text = o.kind === 'url' && !o.value ? '@https://' : `@${o.value}${o.kind === 'url' ? '' : ' '}`;
    p.value = p.value.slice(0, this.query.start) + text + p.value.slice(this.query.end);
    const caret = this.query.start + text.length;
    p.setSelectionRange(caret, caret);
    if (o.kind === 'file' || o.kind === 'folder') this.picked.push({ kind: o.kind, value: o.value });
    this.close();
    p.focus();
    p.dispatchEvent(new Event('input'));
  }

  private close(): void {
    this.query = undefined;
    this.options = [];
    this.picker.hidden = true;
    this.prompt.removeAttribute('aria-activedescendant');
  }

  private renderPicker(): void {
    this.picker.replaceChildren();
    this.picker.hidden = this.options.length === 0;
    this.options.forEach((o, i) => {
      const li = document.createElement('li');
      li.id = `mention-${i}`;
      li.setAttribute('role', 'option');
      li.setAttribute('data-testid', 'mention-option');
      li.setAttribute('data-index', String(i));
      li.setAttribute('data-kind', o.kind);
      li.setAttribute('data-value', o.value);
      li.setAttribute('aria-selected', String(i === this.active));
      const icon = document.createElement('i');
      icon.className = `codicon codicon-${{ file: 'file', folder: 'folder', problems: 'warning', git: 'git-commit', terminal: 'terminal', url: 'link' }[o.kind]}`;
      const label = document.createElement('span');
      label.className = 'label';
      label.textContent = o.label;
      const detail = document.createElement('span');
      detail.className = 'detail';
      detail.textContent = o.detail ?? '';
      li.append(icon, label, detail);
      this.picker.append(li);
    });
    if (!this.picker.hidden) {
      this.prompt.setAttribute('aria-activedescendant', `mention-${this.active}`);
      this.picker.querySelector(`#mention-${this.active}`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  private renderTray(): void {
    const parts: HTMLElement[] = [];
    if (this.editor.chip && !this.chipRemoved) {
      const chip = document.createElement('span');
      chip.className = 'chip';
      chip.setAttribute('data-testid', 'selection-chip');
      chip.title = this.editor.chip.title;
      chip.innerHTML = '<i class="codicon codicon-file-code"></i>';
      const label = document.createElement('span');
      label.textContent = this.editor.chip.label;
      const remove = button('removeChip', `Remove ${this.editor.chip.label} from this message`, 'remove-chip');
      chip.append(label, remove);
      parts.push(chip);
    }
    this.images.forEach((img, i) => {
      const chip = document.createElement('span');
      chip.className = 'chip image';
      chip.setAttribute('data-testid', 'image-chip');
      const thumb = document.createElement('img');
      thumb.src = img.url;
      thumb.alt = img.name;
      const remove = button('removeImage', `Remove the image ${img.name}`, 'remove-image');
      remove.dataset.index = String(i);
      chip.append(thumb, remove);
      parts.push(chip);
    });
    this.tray.replaceChildren(...parts);
    this.tray.hidden = parts.length === 0;
  }

  private onPaste(ev: ClipboardEvent): void {
    const files = Array.from(ev.clipboardData?.files ?? []).filter((f) => f.type.startsWith('image/'));
    if (!files.length) return;
    ev.preventDefault();
    void this.addImages(files);
  }

  private onDrop(ev: DragEvent): void {
    const files = Array.from(ev.dataTransfer?.files ?? []);
    if (!files.length) return;
    ev.preventDefault();
    void this.addImages(files);
  }

  async addImages(files: File[]): Promise<void> {
    if (this.editor.imagesOff) return this.refuse(this.editor.imagesOff);
    for (const f of files) {
      if (this.images.length >= 8) return this.refuse('At most 8 images can go with one message.');
      const result = await prepareImage(f);
      if (typeof result === 'string') this.refuse(result);
      else this.images.push(result);
    }
    this.renderTray();
  }

  /** The context of the message being sent; clears the picked mentions, images and chip removal. */
  take(text: string): SendContext {
    if (this.images.length && this.editor.imagesOff) throw new Error(this.editor.imagesOff);
    const mentions: Mention[] = this.picked.filter((m) => text.includes(`@${m.value}`));
    for (const m of text.matchAll(SPECIAL)) mentions.push({ kind: m[2] as 'problems' | 'git' | 'terminal', value: m[2] });
    for (const m of text.matchAll(URL_MENTION)) mentions.push({ kind: 'url', value: m[2] });
    const unique = mentions.filter((m, i) => mentions.findIndex((n) => n.kind === m.kind && n.value === m.value) === i).slice(0, 20);
    const context: SendContext = { selection: !!this.editor.chip && !this.chipRemoved, mentions: unique, images: this.images.map(({ name, data }) => ({ name, data })) };
    this.lastSent = { text, images: this.images, picked: this.picked };
    const h = this.store.history;
    if (h[h.length - 1] !== text) h.push(text);
    if (h.length > HISTORY_MAX) h.splice(0, h.length - HISTORY_MAX);
    this.save();
    this.historyAt = undefined;
    this.picked = [];
    this.images = [];
    this.chipRemoved = false;
    this.renderTray();
    return context;
  }

  /** After the extension refused a message: its text and images come back if the prompt is still empty. */
  restoreLast(): void {
    if (!this.lastSent || this.prompt.value.trim()) return;
    this.prompt.value = this.lastSent.text;
    this.images = this.lastSent.images;
    this.picked = this.lastSent.picked;
    this.lastSent = undefined;
    this.renderTray();
  }

  /** A send went through: nothing to restore any more. */
  accepted(): void {
    this.lastSent = undefined;
  }
}

function button(action: string, label: string, testid: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.className = 'icon';
  b.dataset.action = action;
  b.setAttribute('data-testid', testid);
  b.setAttribute('aria-label', label);
  b.title = label;
  b.innerHTML = '<i class="codicon codicon-close"></i>';
  return b;
}
