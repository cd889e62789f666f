#!/usr/bin/env node
// Builds better-sqlite3 for the installed Electron into .electron-native/, leaving
// the Node build in node_modules untouched (tests and the CLI keep using it).
// better-sqlite3 is not N-API, so one binary cannot serve both runtimes.
// Needs Electron's headers, so it runs on a developer machine with network access.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, copyFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const source = dirname(require.resolve('better-sqlite3/package.json'));
const work = mkdtempSync(join(tmpdir(), 'triad-sqlite-electron-'));
try {
  cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${source}/build`) });
  const gyp = require.resolve('node-gyp/bin/node-gyp.js');
  const res = spawnSync(
    process.execPath,
    [gyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
    { cwd: work, stdio: 'inherit' },
  );
  if (res.status !== 0) {
    console.error('Could not build better-sqlite3 for Electron (it needs Electron headers from the network once).');
    process.exit(1);
  }
  mkdirSync(join(root, '.electron-native'), { recursive: true });
  copyFileSync(join(work, 'build/Release/better_sqlite3.node'), join(root, '.electron-native/better_sqlite3.node'));
  console.log(`better-sqlite3 built for Electron ${electronVersion}.`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
