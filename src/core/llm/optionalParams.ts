// Owns the request parameters a server may not know: stream_options, prompt_cache_key and
// parallel_tool_calls help where accepted (usage numbers, hosted prompt caching, several calls per
// step) but some OpenAI-compatible servers answer 400 "unknown parameter" to them. Such a refusal
// drops the parameter for that provider, remembered for its lifetime, and the request goes again;
// each retry drops at least one parameter, so this can never loop.
import { LlmError } from './errors';

export type OptionalParam = 'stream_options' | 'prompt_cache_key' | 'parallel_tool_calls';

/** How servers say they do not know a parameter (OpenAI/Azure, vLLM/pydantic, Groq, Gemini, Mistral). */
const UNKNOWN_PARAMETER =
  /unknown (parameter|name|field|argument)|unrecogni[sz]ed (request )?(argument|parameter|field|key)|extra (inputs|fields) (are )?not permitted|unsupported (parameter|property|field)|is (not supported|unsupported)|additional propert|unexpected (keyword )?(argument|parameter|field)/i;

export class OptionalParams {
  private readonly dropped = new Set<OptionalParam>();

  /** Whether the parameter may still be sent to this provider. */
  allows(name: OptionalParam): boolean {
    return !this.dropped.has(name);
  }

  /**
   * After a failed request that sent `sent`: drops the parameters a 400 names, or all of them when
   * the server only said "unknown parameter" without naming it. True when something was dropped
   * (the request is worth sending again).
   */
  dropAfter(err: unknown, sent: OptionalParam[]): boolean {
    if (!(err instanceof LlmError) || err.kind !== 'badRequest' || sent.length === 0) return false;
    const detail = err.detail ?? '';
    const named = sent.filter((n) => detail.toLowerCase().includes(n));
    const drop = named.length ? named : UNKNOWN_PARAMETER.test(detail) ? sent : [];
    for (const n of drop) this.dropped.add(n);
    return drop.length > 0;
  }
}
