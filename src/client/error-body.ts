// Provider error payloads come in several shapes; this reads the fields that matter for
// classification from any of them:
//   OpenAI        {"error": {"message", "type", "code", "param"}}
//   OpenRouter    {"error": {"code": 402, "message", "metadata": {"provider_name", "raw", "error_type"}}}
//   Ollama        {"error": "model 'x' not found"}
//   vLLM & co.    {"object": "error", "message", "type", "code": 400}  /  {"detail": "..."}
//   Responses     response.error {"code", "message"}; `error` event {"code", "message"} or {"error": {…}}

import { isObject, type JsonObject } from './json';

export interface ProviderErrorFields {
  code?: string | number;
  type?: string;
  message?: string;
  /** OpenRouter `metadata.error_type` (e.g. `rate_limit_exceeded`). */
  errorType?: string;
  /** OpenRouter `metadata.provider_name`: the upstream that failed. */
  providerName?: string;
  /** OpenRouter `metadata.raw`: the upstream's own error, often the useful part. */
  raw?: string;
  /** Epoch ms when a usage quota resets, when the provider says. */
  resetsAt?: number;
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value || undefined;
  if (value === undefined || value === null) return undefined;
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/** Reads an error payload (already JSON-parsed, or a plain string) into classification fields. */
export function readProviderError(body: unknown, now: number = Date.now()): ProviderErrorFields {
  if (typeof body === 'string') return body.trim() ? { message: body.trim() } : {};
  if (!isObject(body)) return {};
  const inner = body.error;
  if (typeof inner === 'string') return { ...readFlat(body, now), message: inner };
  if (isObject(inner)) return { ...readFlat(body, now), ...readFlat(inner, now) };
  return readFlat(body, now);
}

function readFlat(o: JsonObject, now: number): ProviderErrorFields {
  const fields: ProviderErrorFields = {};
  if (typeof o.code === 'string' || typeof o.code === 'number') fields.code = o.code;
  // `type: "error"` is the Responses event's own type, not a kind of error.
  if (typeof o.type === 'string' && o.type !== 'error') fields.type = o.type;
  const message = asText(o.message) ?? asText(o.detail);
  if (message) fields.message = message;
  if (isObject(o.metadata)) {
    const meta = o.metadata;
    if (typeof meta.error_type === 'string') fields.errorType = meta.error_type;
    if (typeof meta.provider_name === 'string') fields.providerName = meta.provider_name;
    const raw = asText(meta.raw);
    if (raw) fields.raw = raw;
  }
  if (typeof o.resets_at === 'number') fields.resetsAt = Math.round(o.resets_at * 1000);
  else if (typeof o.resets_in_seconds === 'number') {
    fields.resetsAt = now + Math.round(o.resets_in_seconds * 1000);
  }
  return fields;
}
