import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchExtension, type ExtensionSession } from './harness';

let session: ExtensionSession;
beforeAll(async () => {
  session = await launchExtension();
});
afterAll(async () => {
  await session?.close();
});

test('side panel loads', async () => {
  const page = await session.openPage('sidepanel.html');
  await expect(page.getByRole('textbox', { name: 'Message' }).isVisible()).resolves.toBe(true);
  await session.screenshot(page, 'smoke-sidepanel');
});
