// Opens the typed port to the background from an extension page.
import { browser } from 'wxt/browser';
import type { PortName } from '@/shared/protocol';
import { PortClient } from '../port-client';

export function connectToBackground(name: PortName): PortClient {
  return new PortClient({
    name,
    connect: (portName) => browser.runtime.connect({ name: portName }),
    log: console,
  });
}

/** Remembers small things for a page across openings (localStorage of the extension origin). */
export const pageMemory = {
  get(key: string): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key: string, value: string | null): void {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    } catch {
      // Storage disabled or full: the page still works, it just forgets.
    }
  },
};
