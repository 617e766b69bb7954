// The display form of a key, stored in clear so the options page can show it while locked. It
// must identify a key to its owner without helping anyone guess it, hence the hidden-length rule.

const ELLIPSIS = '…';
const MAX_DASH_PREFIX_LENGTH = 8;
const SHOWN_SUFFIX_LENGTH = 4;
/** The full form is used only when at least this many characters stay hidden. */
const MIN_HIDDEN_LENGTH = 8;
const SHORT_KEY_SUFFIX_LENGTH = 2;
/** Below this, even two characters would be a large share of the key. */
const MIN_LENGTH_FOR_SHORT_SUFFIX = 6;

/** `sk-proj-abc…wxyz` → `sk-…wxyz`; `AIzaSy…` → `AIz…wxyz`; short keys → `…yz`. */
export function maskApiKey(apiKey: string): string {
  const prefix = keyPrefix(apiKey);
  const hiddenLength = apiKey.length - prefix.length - SHOWN_SUFFIX_LENGTH;
  if (hiddenLength >= MIN_HIDDEN_LENGTH) {
    return prefix + ELLIPSIS + apiKey.slice(-SHOWN_SUFFIX_LENGTH);
  }
  if (apiKey.length >= MIN_LENGTH_FOR_SHORT_SUFFIX) {
    return ELLIPSIS + apiKey.slice(-SHORT_KEY_SUFFIX_LENGTH);
  }
  return ELLIPSIS;
}

function keyPrefix(apiKey: string): string {
  const dashIndex = apiKey.indexOf('-');
  if (dashIndex >= 0 && dashIndex + 1 <= MAX_DASH_PREFIX_LENGTH)
    return apiKey.slice(0, dashIndex + 1);
  return apiKey.slice(0, 3);
}
