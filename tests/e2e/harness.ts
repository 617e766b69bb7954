// Launches Chromium with the built extension loaded, for end-to-end tests.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
// @ts-expect-error -- a plain .mjs script without types; it exports findChromium()
import { findChromium } from '../../scripts/find-chromium.mjs';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');
const ARTIFACTS_DIR = resolve('test-artifacts');

/** Flags that keep Chromium quiet on a machine with no network but loopback. */
const CHROMIUM_FLAGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
];

function chromiumPath(): string {
  const path = findChromium() as string | null;
  if (!path)
    throw new Error('No Chromium found: run `node scripts/find-chromium.mjs --check` first.');
  return path;
}

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  userDataDir: string;
  /** Opens one of the extension's pages (e.g. `sidepanel.html`) in a new tab. */
  openPage(path: string): Promise<Page>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Chrome's host-permission prompt is browser UI that no automation can answer, so headless it
 * would wait forever. Pages get a stand-in that records what was asked (tests assert on it) and
 * answers as a user would. The mock provider allows extension origins (CORS), as an LM Studio
 * with CORS enabled does, so requests work either way.
 */
export function answerPermissionPrompts(answer: boolean): void {
  const calls: unknown[] = [];
  (window as unknown as { __parleyPermissionRequests: unknown[] }).__parleyPermissionRequests =
    calls;
  const permissions = (
    globalThis as unknown as { chrome?: { permissions?: { request?: unknown } } }
  ).chrome?.permissions;
  if (!permissions) return;
  permissions.request = (request: unknown, callback?: (granted: boolean) => void) => {
    calls.push(request);
    callback?.(answer);
    return Promise.resolve(answer);
  };
}

export async function launchExtension(
  options: { userDataDir?: string } = {},
): Promise<ExtensionSession> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'parley-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      ...CHROMIUM_FLAGS,
    ],
    viewport: { width: 420, height: 720 },
  });
  const removeProfile = () => {
    if (!options.userDataDir)
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
  };
  let worker: Worker;
  try {
    worker =
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  } catch (err) {
    // No extension loaded (e.g. not built): leave no browser or profile behind.
    await context.close();
    removeProfile();
    throw err;
  }
  const extensionId = new URL(worker.url()).host;
  await context.addInitScript(answerPermissionPrompts, true);
  return {
    context,
    extensionId,
    worker,
    userDataDir,
    async openPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async screenshot(page, name) {
      const dir = join(ARTIFACTS_DIR, 'screenshots');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await context.close();
      removeProfile();
    },
  };
}

/** Stops the extension's service worker the way Chrome does when it idles (DevTools protocol). */
export async function stopServiceWorkers(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

/**
 * Records every message crossing the extension's ports in a page, both directions, in
 * `window.__parleyPortLog`. Install with `context.addInitScript` before opening the page.
 */
export function recordPortMessages(): void {
  const log: { direction: 'sent' | 'received'; message: unknown }[] = [];
  (window as unknown as { __parleyPortLog: typeof log }).__parleyPortLog = log;
  const runtime = (
    globalThis as unknown as { chrome?: { runtime?: { connect?: (...a: unknown[]) => unknown } } }
  ).chrome?.runtime;
  if (!runtime?.connect) return;
  const connect = runtime.connect.bind(runtime);
  runtime.connect = (...args: unknown[]) => {
    const port = connect(...args) as {
      postMessage(m: unknown): void;
      onMessage: { addListener(l: (m: unknown) => void): void };
    };
    const post = port.postMessage.bind(port);
    port.postMessage = (message: unknown) => {
      log.push({ direction: 'sent', message: JSON.parse(JSON.stringify(message)) });
      post(message);
    };
    port.onMessage.addListener((message) => log.push({ direction: 'received', message }));
    return port;
  };
}

/** Everything the extension stored, as text: storage areas and every IndexedDB database. */
export async function dumpExtensionStorage(worker: Worker): Promise<string> {
  return worker.evaluate(async () => {
    const areas = {
      local: await chrome.storage.local.get(null),
      sync: await chrome.storage.sync.get(null),
      session: await chrome.storage.session.get(null),
    };
    const databases: Record<string, Record<string, unknown[]>> = {};
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const stores: Record<string, unknown[]> = {};
      for (const name of Array.from(db.objectStoreNames)) {
        stores[name] = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      }
      db.close();
      databases[info.name] = stores;
    }
    return JSON.stringify({ areas, databases });
  });
}

/** Adds a provider through the options page, as a user would. */
export async function addProviderViaOptions(
  page: Page,
  provider: { preset: string; baseURL?: string; apiKey?: string; model?: string; name?: string },
): Promise<void> {
  const form = page.getByRole('form', { name: /provider/i });
  await form.getByLabel('Provider', { exact: true }).selectOption({ label: provider.preset });
  if (provider.name) await form.getByLabel('Name').fill(provider.name);
  if (provider.baseURL) await form.getByLabel('Base URL', { exact: true }).fill(provider.baseURL);
  if (provider.apiKey) await form.getByLabel('API key', { exact: true }).fill(provider.apiKey);
  if (provider.model) await form.getByLabel('Model', { exact: true }).fill(provider.model);
  await form.getByRole('button', { name: 'Save', exact: true }).click();
}

export interface SpawnedChromium {
  /** `http://127.0.0.1:<port>`: connect with `chromium.connectOverCDP` only while you need to drive a page. */
  cdpEndpoint: string;
  userDataDir: string;
  close(): Promise<void>;
}

/**
 * Starts Chromium as a plain process with the extension loaded and no DevTools client attached.
 * Playwright's own launch keeps a DevTools session on every target, which switches off the
 * service worker's idle timeout; tests of the worker's lifetime connect only briefly instead.
 */
export async function spawnChromium(extensionDir = EXTENSION_DIR): Promise<SpawnedChromium> {
  const { spawn } = await import('node:child_process');
  const { existsSync, readFileSync } = await import('node:fs');
  const userDataDir = mkdtempSync(join(tmpdir(), 'parley-e2e-spawned-'));
  const child = spawn(
    chromiumPath(),
    [
      '--headless=new',
      '--no-sandbox',
      `--user-data-dir=${userDataDir}`,
      '--remote-debugging-port=0',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...CHROMIUM_FLAGS,
      'about:blank',
    ],
    // Its own process group: Debian's `chromium` is a wrapper script, and Chromium starts helper
    // processes; closing kills the whole group so nothing outlives the test.
    { stdio: 'ignore', detached: true },
  );
  let running = true;
  const exited = new Promise<void>((resolve) => {
    const stopped = () => {
      running = false;
      resolve();
    };
    child.once('exit', stopped);
    child.once('error', stopped); // could not be started at all
  });
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  // Chromium writes "<port>\n<browser path>" once DevTools listens; the second line means the
  // first is complete.
  const portFile = join(userDataDir, 'DevToolsActivePort');
  let port: string;
  try {
    port = await until(
      () => {
        if (!running) throw new Error('Chromium exited before opening its DevTools port');
        if (!existsSync(portFile)) return null;
        const [first, second] = readFileSync(portFile, 'utf8').split('\n');
        return second !== undefined && first ? first : null;
      },
      15_000,
      'Chromium’s DevTools port',
    );
  } catch (err) {
    killGroup('SIGKILL');
    await exited;
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
    throw err;
  }
  return {
    cdpEndpoint: `http://127.0.0.1:${port}`,
    userDataDir,
    async close() {
      killGroup('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      killGroup('SIGKILL');
      await exited;
      // Helpers killed with the group may release the profile's files a moment later.
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
    },
  };
}

/**
 * Turns model-written titles on or off in the options page. Tests that queue mock behaviours
 * turn them off, so the title request after a first answer cannot take a behaviour meant for chat.
 */
export async function setModelTitles(page: Page, on: boolean): Promise<void> {
  const toggle = page.getByRole('checkbox', { name: 'Let the model name new conversations' });
  await toggle.waitFor();
  if ((await toggle.isChecked()) !== on) await toggle.click();
  // Saved once the background's answer re-enables the box with the new value.
  await until(
    async () => (await toggle.isChecked()) === on && (await toggle.isEnabled()),
    10_000,
    `model titles turned ${on ? 'on' : 'off'}`,
  );
}

/** Waits for a condition that has no event to await (e.g. a mock counter), checking often. */
export async function until<T>(
  check: () => T | Promise<T>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The stored messages of the extension's conversation database, read from the worker or from any
 * extension page (same origin, same IndexedDB) — a page also works while the worker restarts.
 */
export async function storedMessages(
  context: Page | Worker,
): Promise<{ id: string; role: string; content: string; state: string; conversationId: string }[]> {
  // Page and Worker share this evaluate signature; TypeScript cannot call through their union.
  return (context as Pick<Page, 'evaluate'>).evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('parley');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('messages').objectStore('messages').getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}
