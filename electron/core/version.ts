import { createRequire } from 'node:module';

// Not named `require`: bundlers inject their own `require` shim into ESM output.
const requireJson = createRequire(import.meta.url);

/** The app version from package.json, found from source (tsx) and from the bundle alike. */
function readVersion(): string {
  for (const candidate of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = requireJson(candidate) as { name?: string; version?: string };
      if (pkg.name === 'triad' && pkg.version) return pkg.version;
    } catch {
      // not at this location; try the next
    }
  }
  return '0.0.0';
}

export const APP_VERSION = readVersion();
