// Small readers for untyped wire JSON: the mappers never trust a field's type.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, key: string): JsonObject | undefined {
  if (!isObject(value)) return undefined;
  const child = value[key];
  return isObject(child) ? child : undefined;
}

export function stringAt(value: unknown, key: string): string | undefined {
  if (!isObject(value)) return undefined;
  const child = value[key];
  return typeof child === 'string' ? child : undefined;
}

/** A count, with null or missing read as 0. */
export function countAt(value: unknown, key: string): number {
  if (!isObject(value)) return 0;
  const child = value[key];
  return typeof child === 'number' && Number.isFinite(child) ? child : 0;
}
