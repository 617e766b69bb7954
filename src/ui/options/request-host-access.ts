// Asks Chrome for access to a provider's server. Must be called synchronously from the click or
// submit handler: Chrome only shows the prompt while the user gesture is active.
import { browser } from 'wxt/browser';
import { originNeedingAccess, originPattern } from './host-origin';

export type HostAccess =
  | { status: 'not-needed' }
  | { status: 'granted'; origin: string }
  | { status: 'refused'; origin: string };

interface PermissionsApi {
  request(permissions: { origins: string[] }): Promise<boolean>;
}

export function requestHostAccess(
  baseURL: string,
  permissions: PermissionsApi = browser.permissions,
): Promise<HostAccess> {
  const origin = originNeedingAccess(baseURL);
  if (!origin) return Promise.resolve({ status: 'not-needed' });
  const refused: HostAccess = { status: 'refused', origin };
  let pending: Promise<boolean>;
  try {
    pending = permissions.request({ origins: [originPattern(origin)] });
  } catch {
    // e.g. called outside a user gesture, or a pattern Chrome does not accept.
    return Promise.resolve(refused);
  }
  return Promise.resolve(pending).then(
    (granted): HostAccess => (granted ? { status: 'granted', origin } : refused),
    () => refused,
  );
}
