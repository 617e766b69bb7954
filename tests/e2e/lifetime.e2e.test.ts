// The service worker stays alive for long answers, tested the way Chrome really behaves: with no
// DevTools client attached (an attached DevTools session switches the idle timeout off and would
// prove nothing). The page is driven over CDP only to set up and send; then the connection is
// dropped and the mock provider watches whether the streams are cut.
//
// A negative control runs side by side: the same extension built without the keep-alive's
// extension API call must be stopped mid-answer, which shows this setup can see the failure.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  startMockProvider,
  type MockProvider,
  type RecordedRequest,
} from '../mock-provider/server';
import {
  addProviderViaOptions,
  answerPermissionPrompts,
  EXTENSION_DIR,
  setModelTitles,
  spawnChromium,
  type SpawnedChromium,
} from './harness';

const WITHOUT_KEEPALIVE_DIR = resolve('.output-test/no-keepalive');
const LONG_ANSWER = Array.from({ length: 45 }, (_, i) => `long${i}`).join(' '); // 45 s at 1 chunk/s
const LATE_ANSWER = 'Thought about it for forty seconds, then answered.';

const isChat = (r: RecordedRequest) => r.method === 'POST' && r.path === '/v1/chat/completions';

interface Run {
  chromium: SpawnedChromium;
  mock: MockProvider;
  extensionId: string;
}
const runs: Run[] = [];

beforeAll(() => {
  execFileSync('npx', ['wxt', 'build'], {
    env: {
      ...process.env,
      PARLEY_OUT_DIR: WITHOUT_KEEPALIVE_DIR,
      VITE_PARLEY_WITHOUT_KEEPALIVE: 'true',
    },
    stdio: 'ignore',
  });
}, 120_000);
afterAll(async () => {
  for (const run of runs) {
    await run.chromium.close();
    await run.mock.close();
  }
});

async function connect(run: Run): Promise<{ browser: Browser; context: BrowserContext }> {
  const browser = await chromium.connectOverCDP(run.chromium.cdpEndpoint);
  const context = browser.contexts()[0]!;
  await context.addInitScript(answerPermissionPrompts, true);
  return { browser, context };
}

/** Sets up a provider, sends a 45 s answer and a 40 s-first-token answer, then detaches DevTools. */
async function startLongAnswers(extensionDir: string): Promise<Run> {
  const mock = await startMockProvider({});
  const spawned = await spawnChromium(extensionDir);
  const run: Run = { chromium: spawned, mock, extensionId: '' };
  runs.push(run);
  const { browser, context } = await connect(run);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  run.extensionId = new URL(worker.url()).host;

  const options = await context.newPage();
  await options.goto(`chrome-extension://${run.extensionId}/options.html`);
  await addProviderViaOptions(options, {
    preset: 'OpenAI-compatible',
    baseURL: mock.baseURL,
    model: 'mock-think',
  });
  await options.getByRole('status').filter({ hasText: 'models' }).waitFor();
  await setModelTitles(options, false);

  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${run.extensionId}/sidepanel.html`);
  mock.enqueue({ kind: 'reply', text: LONG_ANSWER, chunkDelayMs: 1000 });
  await panel.getByRole('textbox', { name: 'Message' }).fill('A long answer, please');
  await panel.getByRole('button', { name: 'Send' }).click();
  await mock.waitForRequest(isChat);

  await panel.getByRole('button', { name: 'New chat' }).click();
  mock.enqueue({ kind: 'reply', text: LATE_ANSWER, firstChunkDelayMs: 40_000, chunkDelayMs: 50 });
  await panel.getByRole('textbox', { name: 'Message' }).fill('Think hard first');
  await panel.getByRole('button', { name: 'Send' }).click();
  await mock.waitForRequest(
    (r) => isChat(r) && JSON.stringify(r.body).includes('Think hard first'),
  );

  // Close the pages and detach every DevTools session: from now on Chrome's idle rules apply.
  await options.close();
  await panel.close();
  await browser.close();
  return run;
}

async function outcomes(run: Run): Promise<string[]> {
  const chats = () => run.mock.requests.filter(isChat);
  const ended = await Promise.all(
    chats().map((request) => run.mock.waitForOutcome((r) => r.id === request.id, 70_000)),
  );
  return ended.map((r) => r.outcome ?? 'none');
}

describe('service worker lifetime (no DevTools attached)', () => {
  test('a 45 s answer and one whose first token comes after 40 s both complete', async () => {
    const [kept, control] = await Promise.all([
      startLongAnswers(EXTENSION_DIR),
      startLongAnswers(`${WITHOUT_KEEPALIVE_DIR}/chrome-mv3`),
    ]);
    const [keptOutcomes, controlOutcomes] = await Promise.all([outcomes(kept), outcomes(control)]);

    // Without the keep-alive Chrome stops the worker after ~30 s idle and both streams are cut…
    expect(controlOutcomes).toEqual(['client-aborted', 'client-aborted']);
    // …with it, both run to the end.
    expect(keptOutcomes).toEqual(['completed', 'completed']);

    // And the answers are in the side panel, complete.
    const { browser, context } = await connect(kept);
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${kept.extensionId}/sidepanel.html`);
    const late = panel.getByRole('article', { name: /^Assistant/ }).last();
    await late.getByText(LATE_ANSWER).waitFor();
    await panel.getByRole('button', { name: 'Conversation history' }).click();
    await panel.getByRole('button', { name: /^A long answer, please/ }).click();
    const long = panel.getByRole('article', { name: /^Assistant/ }).last();
    await expect(long.locator('.message-text').innerText()).resolves.toBe(LONG_ANSWER);
    await expect(long.getAttribute('aria-busy')).resolves.toBe('false');
    await browser.close();
  }, 150_000);
});
