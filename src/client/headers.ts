/** Response headers as the SDK hands them over (`Headers`) or as a plain object (tests, files). */
export type HeadersLike = Headers | Record<string, string | undefined> | null | undefined;

/** Case-insensitive header lookup for either form. */
export function readHeader(headers: HeadersLike, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') {
    return (headers as Headers).get(name) ?? undefined;
  }
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, string | undefined>)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}
