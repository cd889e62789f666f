#!/usr/bin/env node
// Bundles the CLI (electron/core/cli/main.ts) into out/cli/main.js so `triad`
// starts without compiling TypeScript on every call. bin/triad.mjs uses the
// bundle only while it is newer than every source file, and falls back to tsx.
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
const external = (id) =>
  id.startsWith('node:') || builtinModules.includes(id) || deps.some((d) => id === d || id.startsWith(`${d}/`));

await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    ssr: join(root, 'electron/core/cli/main.ts'),
    outDir: join(root, 'out/cli'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: { external, output: { format: 'es', entryFileNames: 'main.js' } },
  },
});
