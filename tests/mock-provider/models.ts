// GET /v1/models in each flavor's shape, and the per-token prices OpenRouter publishes there.
import type { MockFlavor } from './types';

export const DEFAULT_MODEL_IDS: Record<MockFlavor, string[]> = {
  openai: ['mock-model', 'mock-model-mini', 'mock-reasoning-model'],
  openrouter: ['mock/model', 'mock/model-mini', 'mock/reasoning-model:free'],
};

export const MOCK_CONTEXT_LENGTH = 128_000;

/** USD per token, as OpenRouter lists it (as decimal strings on the wire). */
export interface ModelPricing {
  prompt: number;
  completion: number;
}

/** Deterministic, distinct prices per listed model; `:free` models cost nothing, unknown ids the first price. */
export function pricingFor(modelId: string, listedIds: string[]): ModelPricing {
  if (modelId.endsWith(':free')) return { prompt: 0, completion: 0 };
  const rank = Math.max(0, listedIds.indexOf(modelId)) + 1;
  return { prompt: rank * 0.000001, completion: rank * 0.000002 };
}

/** Cost in USD, rounded to drop binary floating-point noise. */
export function costOf(pricing: ModelPricing, inputTokens: number, outputTokens: number): number {
  return Number((inputTokens * pricing.prompt + outputTokens * pricing.completion).toPrecision(12));
}

function openRouterModel(id: string, listedIds: string[], created: number) {
  const pricing = pricingFor(id, listedIds);
  return {
    id,
    canonical_slug: id,
    name: `Mock: ${id}`,
    created,
    description: 'A model served by the Parley mock provider.',
    context_length: MOCK_CONTEXT_LENGTH,
    architecture: {
      modality: 'text->text',
      input_modalities: ['text'],
      output_modalities: ['text'],
      tokenizer: 'Other',
      instruct_type: null,
    },
    pricing: {
      prompt: String(pricing.prompt),
      completion: String(pricing.completion),
      request: '0',
      image: '0',
      web_search: '0',
      internal_reasoning: '0',
    },
    top_provider: {
      context_length: MOCK_CONTEXT_LENGTH,
      max_completion_tokens: 16_384,
      is_moderated: false,
    },
    per_request_limits: null,
    supported_parameters: ['max_tokens', 'temperature', 'reasoning', 'stream_options'],
  };
}

/** The body of GET /v1/models. */
export function modelListBody(flavor: MockFlavor, ids: string[], created: number): object {
  if (flavor === 'openrouter') {
    return { data: ids.map((id) => openRouterModel(id, ids, created)) };
  }
  return {
    object: 'list',
    data: ids.map((id) => ({ id, object: 'model', created, owned_by: 'parley-mock' })),
  };
}
