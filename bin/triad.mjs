#!/usr/bin/env node
// The `triad` command. It runs the bundled CLI (out/cli/main.js, made by
// `npm run build`) when that is newer than every source file, and otherwise
// compiles the TypeScript sources on the fly with tsx, so `npx triad` works
// right after `npm install` and never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'out', 'cli', 'main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|mts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  if (!existsSync(bundle) || process.env.TRIAD_FROM_SOURCE) return false;
  const built = statSync(bundle).mtimeMs;
  const sources = Math.max(newestSource(join(root, 'electron', 'core')), newestSource(join(root, 'shared')), statSync(join(root, 'package.json')).mtimeMs);
  return built > sources;
}

// `triad … | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

let main;
if (bundleIsFresh()) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../electron/core/cli/main.ts'));
}
const code = await main(process.argv);
// `serve` keeps running; every other command ends here.
if (code !== 0 || !process.argv.includes('serve')) process.exitCode = code;
