// Recorded SSE bodies from tests/fixtures/sse, split into events without changing a byte.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/sse/', import.meta.url));

const FIXTURE_NAME = /^[\w.-]+$/;

/** The file of a fixture name, or undefined when there is none (names cannot leave the folder). */
export function fixturePath(name: string): string | undefined {
  if (!FIXTURE_NAME.test(name) || name.startsWith('.')) return undefined;
  const path = `${FIXTURES_DIR}${name}.sse`;
  return existsSync(path) ? path : undefined;
}

/**
 * Splits an SSE body after each blank line (LF or CRLF), keeping every byte: the chunks
 * concatenate to the input. Trailing bytes without a blank line form a last chunk.
 */
export function splitSseEvents(body: Buffer): Buffer[] {
  // latin1 maps bytes 1:1 to code units, so splitting the string splits the bytes.
  const text = body.toString('latin1');
  const chunks: Buffer[] = [];
  const boundary = /\r?\n\r?\n/g;
  let start = 0;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    const end = match.index + match[0].length;
    chunks.push(body.subarray(start, end));
    start = end;
  }
  if (start < body.length) chunks.push(body.subarray(start));
  return chunks;
}

export function loadFixture(name: string): { bytes: Buffer; events: Buffer[] } {
  const path = fixturePath(name);
  if (!path) throw new Error(`Mock provider: no fixture named "${name}" in ${FIXTURES_DIR}`);
  const bytes = readFileSync(path);
  return { bytes, events: splitSseEvents(bytes) };
}
