// Owns how long autocomplete waits after a keystroke before asking. The wait is learned from the
// user's own gaps between keystrokes: a little longer than nearly all of them, so a burst still
// sends one request, but no longer than the configured ceiling. Fast typists wait far less than a
// fixed debounce would make them; until enough gaps are seen, the ceiling applies.
const WINDOW = 40;
/** Gaps longer than this end a burst: they are pauses, not typing. */
const PAUSE_MS = 600;
const MIN_SAMPLES = 6;

export class AdaptiveDebounce {
  private readonly gaps: number[] = [];
  private last = Number.NEGATIVE_INFINITY;

  constructor(private readonly floorMs = 30) {}

  /** Records a keystroke (a typing-triggered request) at time `t` in milliseconds. */
  keystroke(t: number): void {
    const gap = t - this.last;
    this.last = t;
    if (gap <= 0 || gap > PAUSE_MS) return;
    this.gaps.push(gap);
    if (this.gaps.length > WINDOW) this.gaps.shift();
  }

  /** Milliseconds to wait before a typing-triggered request, at most `ceilingMs`. */
  delay(ceilingMs: number): number {
    if (ceilingMs <= 0) return 0;
    if (this.gaps.length < MIN_SAMPLES) return ceilingMs;
    const sorted = [...this.gaps].sort((a, b) => a - b);
    // The 90th percentile gap plus a margin for timer jitter on a busy machine.
    const p90 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))];
    return Math.min(ceilingMs, Math.max(this.floorMs, Math.ceil(p90 * 1.1 + 6)));
  }
}
