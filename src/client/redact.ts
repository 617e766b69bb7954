// API keys must never reach an event, a message or a log line. Providers echo (masked) keys
// back in their 401 messages, so messages are scrubbed of the caller's key and of key-shaped
// tokens before they leave the client.

const KEY_SHAPED =
  /\b(?:sk|rk|pk)-[\w*-]{6,}|\b(?:gsk|xai)[-_][\w*-]{6,}|\bBearer\s+[\w*~+/-]+(?:\.[\w*~+/-]+)*=*/g;

/** `text` with every occurrence of the given secrets and of key-shaped tokens replaced. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  return result.replace(KEY_SHAPED, '[redacted]');
}

/**
 * A URL as it may be shown to the user: scheme, host and path only. Userinfo, query and fragment
 * go, because that is where keys end up (`https://user:key@host/v1?api-key=…`).
 */
export function shownURL(url: string): string {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // Handled below.
  }
  // Without a host (`user:key@host/v1` parses as scheme `user:`), the parts are not what they seem.
  if (parsed?.host) return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  return url.replace(/[?#].*$/s, '').replace(/^([^/]*\/\/)?[^/]*@/, '$1');
}
