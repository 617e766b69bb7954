// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { ProviderView } from '@/shared/settings';
import {
  draftFromProvider,
  draftProblems,
  hasApiChoice,
  newDraft,
  savePayload,
  withPreset,
} from './provider-draft';

const stored: ProviderView = {
  id: 'p1',
  name: 'Work OpenAI',
  preset: 'openai',
  kind: 'openai',
  api: 'chat',
  baseURL: 'https://api.openai.com/v1',
  defaultModel: 'gpt-4.1-mini',
  maskedKey: 'sk-…abcd',
};

describe('withPreset', () => {
  it('fills the preset base URL and wire API', () => {
    const draft = withPreset(newDraft('openai'), 'ollama');
    expect(draft.baseURL).toBe('http://localhost:11434/v1');
    expect(draft.api).toBe('chat');
    expect(withPreset(draft, 'openai')).toMatchObject({
      baseURL: 'https://api.openai.com/v1',
      api: 'responses',
    });
  });

  it('empties a preset URL for a custom server but keeps one the user typed', () => {
    expect(withPreset(newDraft('lmstudio'), 'custom').baseURL).toBe('');
    const typed = { ...newDraft('custom'), baseURL: 'https://gw.example.com/v1' };
    expect(withPreset(typed, 'custom').baseURL).toBe('https://gw.example.com/v1');
  });
});

describe('hasApiChoice', () => {
  it('is offered for OpenAI only', () => {
    expect(hasApiChoice('openai')).toBe(true);
    expect(hasApiChoice('openrouter')).toBe(false);
    expect(hasApiChoice('custom')).toBe(false);
  });
});

describe('draftProblems', () => {
  it('asks for a full http(s) address', () => {
    expect(draftProblems({ ...newDraft('custom'), baseURL: '  ' }).baseURL).toMatch(/base URL/);
    expect(draftProblems({ ...newDraft('custom'), baseURL: 'localhost:8080' }).baseURL).toMatch(
      /http/,
    );
    expect(draftProblems({ ...newDraft('custom'), baseURL: 'ftp://x.example' }).baseURL).toMatch(
      /http/,
    );
    expect(draftProblems({ ...newDraft('custom'), baseURL: 'http://127.0.0.1:8080/v1' })).toEqual(
      {},
    );
  });
});

describe('savePayload', () => {
  it('sends a new provider with its trimmed key and the preset label as default name', () => {
    const draft = { ...newDraft('openai'), apiKey: '  sk-new-key  ', model: ' gpt-4.1 ' };
    expect(savePayload(draft)).toEqual({
      provider: {
        name: 'OpenAI',
        preset: 'openai',
        baseURL: 'https://api.openai.com/v1',
        api: 'responses',
        defaultModel: 'gpt-4.1',
      },
      apiKey: 'sk-new-key',
    });
  });

  it('omits the key when editing with the key field empty (keeps the stored key)', () => {
    const payload = savePayload(draftFromProvider(stored));
    expect(payload).not.toHaveProperty('apiKey');
    expect(payload.provider).toEqual({
      id: 'p1',
      name: 'Work OpenAI',
      preset: 'openai',
      baseURL: 'https://api.openai.com/v1',
      api: 'chat',
      defaultModel: 'gpt-4.1-mini',
    });
  });

  it('sends null to remove the stored key, whatever is typed', () => {
    const draft = { ...draftFromProvider(stored), removeKey: true, apiKey: 'sk-typed' };
    expect(savePayload(draft).apiKey).toBeNull();
  });

  it('leaves out the API choice and an empty model for non-OpenAI providers', () => {
    const payload = savePayload(newDraft('ollama'));
    expect(payload.provider).not.toHaveProperty('api');
    expect(payload.provider).not.toHaveProperty('defaultModel');
    expect(payload).not.toHaveProperty('apiKey');
  });
});
