// Words for the outcome of checking a provider (after saving it, or from its "Test" button).
import type { ProviderCheck } from '@/shared/protocol';
import type { ProviderView } from '@/shared/settings';

export interface CheckDescription {
  tone: 'ok' | 'warning' | 'error';
  title: string;
  detail?: string;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Whether the provider has a key the background can use (stored, and readable). */
export function hasUsableKey(provider: Pick<ProviderView, 'maskedKey' | 'keyError'>): boolean {
  return provider.maskedKey !== null && !provider.keyError;
}

/** `hasKey`: whether a usable key is stored; a keyless local server is "reachable", not "key works". */
export function describeCheck(check: ProviderCheck, hasKey: boolean): CheckDescription {
  switch (check.status) {
    case 'valid': {
      const models = `${plural(check.modelCount, 'model')} available`;
      return { tone: 'ok', title: hasKey ? `Key works: ${models}.` : `Connected: ${models}.` };
    }
    case 'rejected':
      return { tone: 'error', title: 'The provider rejected the key.', detail: check.message };
    case 'unreachable':
      return {
        tone: 'error',
        title: 'Could not reach the server.',
        // The background's message usually names the address already; say it once.
        detail: check.message.includes(check.baseURL)
          ? check.message
          : `${check.message} Address tried: ${check.baseURL}`,
      };
    case 'error':
      return { tone: 'error', title: 'The provider returned an error.', detail: check.message };
    case 'skipped':
      return { tone: 'warning', title: 'Not checked yet.', detail: check.message };
  }
}
