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
