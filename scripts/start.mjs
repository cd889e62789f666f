#!/usr/bin/env node
// `npm start`: the desktop app when an Electron runtime is here, otherwise the
// same app served to the browser on 127.0.0.1 (`triad serve`).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronRuntime } from './electron-runtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const passthrough = process.argv.slice(2);

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

function build() {
  run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  run(process.execPath, [join(root, 'scripts/build-cli.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
}

const runtime = findElectronRuntime();
const electronSqlite = join(root, '.electron-native/better_sqlite3.node');
if (runtime.ok && !existsSync(electronSqlite)) {
  const res = spawnSync(process.execPath, [join(root, 'scripts/rebuild-electron-sqlite.mjs')], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) Object.assign(runtime, { ok: false, reason: 'better-sqlite3 could not be built for Electron' });
}

console.log('Building the app…');
build();

if (runtime.ok) {
  const child = spawn(runtime.path, [root, ...passthrough], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`The Electron runtime is not available (${runtime.reason}), so Triad opens in your browser instead.`);
  const triad = join(root, 'bin/triad.mjs');
  // The demo workspace on first start; it is left alone when it already exists.
  run(process.execPath, [triad, ...passthrough, 'demo']);
  const child = spawn(process.execPath, [triad, ...passthrough, 'serve'], { cwd: root, stdio: 'inherit' });
  const stop = (signal) => child.kill(signal);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}
