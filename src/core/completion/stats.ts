// Owns the local acceptance statistics of autocomplete: completions shown, accepted, partially
// accepted and dismissed per language, and the latency of those shown. Kept in the extension's own
// storage through a small port; never sent anywhere.
export interface LanguageCounts {
  shown: number;
  accepted: number;
  partial: number;
  dismissed: number;
}

export interface StatsData {
  byLanguage: Record<string, LanguageCounts>;
  /** The latest latencies in ms (a bounded sample for the median). */
  latencies: number[];
}

export type Outcome = 'accepted' | 'partial' | 'dismissed';

export interface StatsSummary extends LanguageCounts {
  /** Accepted (fully or partly) over shown with an outcome; undefined before any. */
  acceptanceRate: number | undefined;
  medianLatencyMs: number | undefined;
  byLanguage: Array<[string, LanguageCounts]>;
}

const LATENCY_SAMPLE = 500;

export class CompletionStats {
  private data: StatsData;

  constructor(saved?: unknown) {
    this.data = isStatsData(saved) ? { byLanguage: { ...saved.byLanguage }, latencies: [...saved.latencies] } : { byLanguage: {}, latencies: [] };
  }

  private counts(language: string): LanguageCounts {
    return (this.data.byLanguage[language] ??= { shown: 0, accepted: 0, partial: 0, dismissed: 0 });
  }

  /** A completion was shown; `latencyMs` when it came from the model (not from the cache). */
  shown(language: string, latencyMs?: number): void {
    this.counts(language).shown++;
    if (latencyMs === undefined) return;
    this.data.latencies.push(Math.max(0, Math.round(latencyMs)));
    if (this.data.latencies.length > LATENCY_SAMPLE) this.data.latencies.shift();
  }

  outcome(language: string, outcome: Outcome): void {
    this.counts(language)[outcome]++;
  }

  summary(): StatsSummary {
    const total: LanguageCounts = { shown: 0, accepted: 0, partial: 0, dismissed: 0 };
    for (const c of Object.values(this.data.byLanguage)) for (const k of Object.keys(total) as Array<keyof LanguageCounts>) total[k] += c[k];
    const decided = total.accepted + total.partial + total.dismissed;
    const sorted = [...this.data.latencies].sort((a, b) => a - b);
    return {
      ...total,
      acceptanceRate: decided ? (total.accepted + total.partial) / decided : undefined,
      medianLatencyMs: sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : undefined,
      byLanguage: Object.entries(this.data.byLanguage).sort((a, b) => b[1].shown - a[1].shown),
    };
  }

  toJSON(): StatsData {
    return this.data;
  }

  reset(): void {
    this.data = { byLanguage: {}, latencies: [] };
  }
}

function isStatsData(v: unknown): v is StatsData {
  const d = v as StatsData | undefined;
  return !!d && typeof d === 'object' && typeof d.byLanguage === 'object' && d.byLanguage !== null && Array.isArray(d.latencies) && d.latencies.every((n) => typeof n === 'number');
}

/** One line for the status-bar menu. */
export function describeStats(s: StatsSummary): string {
  if (s.shown === 0) return 'No completions shown yet';
  const rate = s.acceptanceRate === undefined ? '–' : `${Math.round(s.acceptanceRate * 100)} %`;
  return `Accepted ${rate} of ${s.shown} shown · median ${s.medianLatencyMs ?? '–'} ms`;
}
