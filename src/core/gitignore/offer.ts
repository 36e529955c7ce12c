// Owns the decision to offer adding `.tandem/` to a folder's .gitignore when Tandem first writes there:
// once per workspace folder (whatever the answer, also when the notification is closed), never after
// "Don't ask again", never in a folder outside a git work tree, already ignoring it, or committing it.
// The editor supplies the ports (memory, the question, messages); the CLI and tests can too.
import { addTandemToGitignore, type GitignoreAddResult } from './append';
import { tandemIgnoreState, type TandemIgnoreState } from './probe';

export type OfferAnswer = 'add' | 'keep' | 'never' | undefined;

export const OFFER_CHOICES = { add: 'Add .tandem/ to .gitignore', keep: 'Keep it tracked', never: "Don't ask again" } as const;

export interface OfferFolder {
  /** What the memory is keyed by (the folder's URI). */
  key: string;
  /** The folder on disk. */
  root: string;
  /** Shown in the question when the workspace has several folders. */
  name?: string;
}

export interface OfferPorts {
  wasAsked(key: string): boolean;
  markAsked(key: string): Promise<void>;
  neverAsk(): boolean;
  setNeverAsk(): Promise<void>;
  ask(message: string, choices: readonly string[], folder: OfferFolder): Promise<string | undefined>;
  info(message: string): void;
  error(message: string): void;
  probe?: (root: string, written: string) => Promise<TandemIgnoreState>;
  add?: (root: string) => Promise<GitignoreAddResult>;
}

export type OfferOutcome = 'asked-before' | 'never' | 'busy' | Exclude<TandemIgnoreState, 'not-ignored'> | 'added' | 'present' | 'kept' | 'declined-forever' | 'dismissed' | 'failed';

export function offerMessage(folder: OfferFolder): string {
  const where = folder.name ? ` in ${folder.name}` : '';
  return `Tandem keeps its AI change log in .tandem/${where}, and git does not ignore that folder. Add it to .gitignore, or keep it tracked to commit the log with your code?`;
}

export class TandemIgnoreOffer {
  private readonly inFlight = new Set<string>();

  constructor(private readonly ports: OfferPorts) {}

  /** Called after a write under `.tandem/` (`written` relative to the folder, `/`-separated). */
  async onWrite(folder: OfferFolder, written = '.tandem/'): Promise<OfferOutcome> {
    const p = this.ports;
    if (p.neverAsk()) return 'never';
    if (p.wasAsked(folder.key)) return 'asked-before';
    // Writes come in bursts (the log, its lock): one check at a time per folder.
    if (this.inFlight.has(folder.key)) return 'busy';
    this.inFlight.add(folder.key);
    try {
      let state: TandemIgnoreState;
      try {
        state = await (p.probe ?? tandemIgnoreState)(folder.root, written);
      } catch {
        return 'not-git'; // git could not tell: asking would be a guess
      }
      if (state !== 'not-ignored') return state;
      if (p.neverAsk() || p.wasAsked(folder.key)) return p.neverAsk() ? 'never' : 'asked-before';
      await p.markAsked(folder.key);
      const pick = await p.ask(offerMessage(folder), Object.values(OFFER_CHOICES), folder);
      if (pick === OFFER_CHOICES.never) {
        await p.setNeverAsk();
        return 'declined-forever';
      }
      if (pick === OFFER_CHOICES.keep) return 'kept';
      if (pick !== OFFER_CHOICES.add) return 'dismissed';
      return await this.add(folder, written);
    } finally {
      this.inFlight.delete(folder.key);
    }
  }

  private async add(folder: OfferFolder, written: string): Promise<OfferOutcome> {
    const p = this.ports;
    let result: GitignoreAddResult;
    try {
      result = await (p.add ?? addTandemToGitignore)(folder.root);
    } catch (err) {
      p.error(`Tandem: ${(err as Error).message}`);
      return 'failed';
    }
    // Ask git again: a later `!` rule, for one, can still keep the folder visible.
    const after = await (p.probe ?? tandemIgnoreState)(folder.root, written).catch(() => 'ignored' as const);
    if (after === 'not-ignored') {
      p.error(`Tandem: ${result.file} lists .tandem/, but git still does not ignore it (a later "!" rule may bring it back). Check the file's rules.`);
      return 'failed';
    }
    p.info(result.status === 'added' ? `Tandem: added .tandem/ to ${result.file}.` : `Tandem: ${result.file} already lists .tandem/.`);
    return result.status;
  }
}
