import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let cached: string | null | undefined;

/** The installed node-llama-cpp version, read once from its package.json (recorded on every trace). */
export function nodeLlamaCppVersion(): string | null {
  if (cached !== undefined) return cached;
  try {
    // The package's exports hide package.json; walk up from its entry point instead.
    let dir = dirname(createRequire(import.meta.url).resolve('node-llama-cpp'));
    for (let i = 0; i < 4; i++, dir = dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'node-llama-cpp') return (cached = pkg.version ?? null);
      } catch {
        // not here: keep walking up
      }
    }
  } catch {
    // not resolvable (unusual bundling): record that the version is unknown
  }
  return (cached = null);
}
