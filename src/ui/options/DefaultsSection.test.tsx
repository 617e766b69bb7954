import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundRefusal } from '../testing/fake-background';
import { startupHandlers } from './testing/fixtures';
import { renderOptions } from './testing/render-options';

afterEach(cleanup);

async function defaults() {
  return within(await screen.findByRole('region', { name: 'Defaults' }));
}

describe('defaults', () => {
  it('shows the stored system prompt and saves an edit', async () => {
    const { user, background } = renderOptions({
      ...startupHandlers({ providers: [], systemPrompt: 'Be brief.' }),
      'settings.update': ({ systemPrompt }) => ({ providers: [], systemPrompt }),
    });
    const section = await defaults();
    const prompt = section.getByRole('textbox', { name: 'System prompt' });
    await within(prompt.parentElement!).findByDisplayValue('Be brief.');
    const save = section.getByRole('button', { name: 'Save system prompt' });
    expect(save).toHaveProperty('disabled', true);
    await user.type(prompt, ' Use metric units.');
    await user.click(save);
    expect(background.payloadsOf('settings.update')).toEqual([
      { systemPrompt: 'Be brief. Use metric units.' },
    ]);
    expect((await section.findByRole('status')).textContent).toBe('Saved.');
    expect(prompt).toHaveProperty('value', 'Be brief. Use metric units.');
  });

  it('keeps the text and shows the error when saving fails', async () => {
    const { user } = renderOptions({
      'settings.update': () => {
        throw new BackgroundRefusal({ message: 'Storage is full.', code: 'storage' });
      },
    });
    const section = await defaults();
    const prompt = section.getByRole('textbox', { name: 'System prompt' });
    await user.type(prompt, 'Answer in French.');
    await user.click(section.getByRole('button', { name: 'Save system prompt' }));
    expect((await section.findByRole('alert')).textContent).toBe('Storage is full.');
    expect(prompt).toHaveProperty('value', 'Answer in French.');
    expect(section.queryByText('Saved.')).toBeNull();
  });

  it('turns model-written titles off and on, showing the stored choice', async () => {
    const { user, background } = renderOptions({
      ...startupHandlers({ providers: [], modelTitles: false }),
      'settings.update': ({ modelTitles }) => ({ providers: [], modelTitles }),
    });
    const section = await defaults();
    const toggle = await section.findByRole('checkbox', {
      name: 'Let the model name new conversations',
    });
    expect(toggle).toHaveProperty('checked', false);
    await user.click(toggle);
    expect(background.payloadsOf('settings.update')).toEqual([{ modelTitles: true }]);
    await within(section.getByRole('checkbox').parentElement!).findByRole('checkbox', {
      checked: true,
    });
  });
});
