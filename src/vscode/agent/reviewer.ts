// Owns the model reviewer of the editor's agents (the panel, inline chat, best of k): built from
// tandem.review.model and tandem.review.when through core's one constructor, on the chat endpoint.
import { createModelProvider } from '../../core/agent/modelProvider';
import type { ChangeReviewer } from '../../core/changes/review';
import { parsePricing } from '../../core/llm/pricing';
import { optionalReviewer } from '../../core/review/reviewer';
import type { AgentSettings } from './settings';

/** undefined when tandem.review.model is empty or tandem.review.when is off. */
export function settingsReviewer(s: AgentSettings, apiKey: string | undefined): ChangeReviewer | undefined {
  if (!s.reviewModel || s.reviewWhen === 'off') return undefined;
  return optionalReviewer({ provider: createModelProvider(s.api, { baseUrl: s.baseUrl, apiKey }), model: s.reviewModel, when: s.reviewWhen, pricing: parsePricing(s.pricing).table });
}
