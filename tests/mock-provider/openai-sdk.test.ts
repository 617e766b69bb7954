// @vitest-environment node
// The real `openai` client against the mock: proof that the wire shapes are what it expects.
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMockProvider, type MockProvider } from './server';

let mock: MockProvider;
let client: OpenAI;

beforeAll(async () => {
  mock = await startMockProvider({ apiKey: 'sk-mock' });
  client = new OpenAI({ baseURL: mock.baseURL, apiKey: 'sk-mock', maxRetries: 0 });
});
afterEach(() => mock.reset());
afterAll(() => mock.close());

describe('the openai npm client against the mock', () => {
  it('lists models', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(['mock-model', 'mock-model-mini', 'mock-reasoning-model']);
  });

  it('streams a chat completion with usage', async () => {
    const stream = await client.chat.completions.create({
      model: 'mock-model',
      messages: [{ role: 'user', content: 'ping' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe('Mock reply to: ping');
    expect(usage?.completion_tokens).toBe(4);
    const record = await mock.waitForOutcome();
    expect(record.headers.authorization).toBe('Bearer sk-mock');
    expect(record.outcome).toBe('completed');
  });

  it('accumulates a chat stream with reasoning into a final completion', async () => {
    mock.enqueue({ kind: 'reply', text: 'Four.', reasoning: '2+2', chunkDelayMs: 0 });
    const runner = client.chat.completions.stream({
      model: 'mock-model',
      messages: [{ role: 'user', content: '2+2?' }],
    });
    const completion = await runner.finalChatCompletion();
    expect(completion.choices[0]?.message.content).toBe('Four.');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
  });

  it('streams a response and accumulates the final response with its reasoning and usage', async () => {
    mock.enqueue({ kind: 'reply', text: 'Hello there.', reasoning: 'Greet back', chunkDelayMs: 0 });
    const stream = client.responses.stream({ model: 'mock-model', input: 'hi' });
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
    const response = await stream.finalResponse();
    expect(deltas.join('')).toBe('Hello there.');
    expect(response.output_text).toBe('Hello there.');
    expect(response.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBe(2);
  });

  it('surfaces status errors as the SDK error classes, with headers', async () => {
    mock.enqueue({ kind: 'status', status: 429, headers: { 'retry-after-ms': '250' } });
    const failure = client.chat.completions.create({
      model: 'mock-model',
      messages: [{ role: 'user', content: 'x' }],
    });
    await expect(failure).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    const error = (await failure.catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.code).toBe('rate_limit_exceeded');
    expect(error.headers?.get('retry-after-ms')).toBe('250');
  });

  it('surfaces an in-stream chat error as an APIError after the text before it', async () => {
    mock.enqueue({ kind: 'midstream-error', afterEvents: 2, chunkDelayMs: 0 });
    const stream = await client.chat.completions.create({
      model: 'mock-model',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    const texts: string[] = [];
    const consume = async () => {
      for await (const chunk of stream) texts.push(chunk.choices[0]?.delta.content ?? '');
    };
    await expect(consume()).rejects.toBeInstanceOf(OpenAI.APIError);
    expect(texts.join('')).toBe('Mock');
  });
});
