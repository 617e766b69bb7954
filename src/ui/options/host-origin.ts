// Which base URLs need a host permission asked at runtime. The two hosted APIs are in the
// manifest's `host_permissions` (wxt.config.ts); every other server is optional and asked for.

const BUILT_IN_ORIGINS: readonly string[] = ['https://api.openai.com', 'https://openrouter.ai'];

/** The origin to ask access for, or null when none is needed (built in) or the URL is invalid. */
export function originNeedingAccess(baseURL: string): string | null {
  let url: URL;
  try {
    url = new URL(baseURL.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return BUILT_IN_ORIGINS.includes(url.origin) ? null : url.origin;
}

/** Chrome match pattern for every path on an origin. */
export function originPattern(origin: string): string {
  return `${origin}/*`;
}
