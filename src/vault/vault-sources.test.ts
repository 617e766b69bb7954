// @vitest-environment node
// Conventions of this folder, kept by a test: the vault reaches the browser only through what it
// is given (no `browser.*` / `chrome.*` calls), never names storage.sync, and does not log.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const VAULT_DIR = import.meta.dirname;

function productionSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory())
      return entry.name === 'testing' ? [] : productionSources(join(dir, entry.name));
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')
      ? [join(dir, entry.name)]
      : [];
  });
}

/** Comments may name the real areas the lead passes in; only code is checked. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
}

describe('vault sources', () => {
  const sources = productionSources(VAULT_DIR);

  it('finds the sources it checks', () => {
    expect(sources.map((path) => path.slice(VAULT_DIR.length + 1))).toContain('vault.ts');
  });

  it.each(sources.map((path) => [path.slice(VAULT_DIR.length + 1), path]))(
    '%s makes no direct browser calls, no storage.sync use, and logs no values but errors',
    (_name, path) => {
      const code = withoutComments(readFileSync(path, 'utf8'));
      expect(code).not.toMatch(/\b(browser|chrome)\.\w/);
      expect(code).not.toMatch(/\bsync\b/i);
      expect(code).not.toMatch(/console\.(log|info|debug|warn)/);
      expect(code).not.toMatch(/from ['"](wxt|react|react-dom|webextension-polyfill)/);
    },
  );
});
