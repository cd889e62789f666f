#!/usr/bin/env node
// `npm test`: lint, type-check, a build, unit + integration (Vitest), then the
// end-to-end (Playwright + Chromium) and Electron suites. Ends with one line
// "N passed, N failed, N skipped" summing every suite.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = mkdtempSync(join(tmpdir(), 'triad-reports-'));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function step(label, cmd, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return res.status === 0;
}

/** Lint, type-check and build count as one check each. */
function check(label, cmd, args) {
  const ok = step(label, cmd, args);
  totals[ok ? 'passed' : 'failed'] += 1;
  lines.push(`${label}: ${ok ? 'passed' : 'FAILED'}`);
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

check('lint', bin('eslint'), ['.']);
check('type-check (node)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']);
check('type-check (web)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']);
check('type-check (tests)', bin('tsc'), ['-p', 'tsconfig.test.json', '--noEmit']);

// Built first: the CLI tests then run the bundled `triad` the way users do.
const built =
  check('build (electron-vite)', process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']) &&
  check('build (cli bundle)', process.execPath, [join(root, 'scripts/build-cli.mjs')]);

const vitestOut = join(reports, 'vitest.json');
const vitestOk = step('unit + integration (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestOut}`]);
const v = readJson(vitestOut);
if (v) {
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests;
  totals.skipped += v.numPendingTests + v.numTodoTests;
  lines.push(`vitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed, ${v.numPendingTests} skipped`);
  if (!vitestOk && v.numFailedTests === 0) {
    totals.failed += 1; // a suite that crashed outside any test
    lines.push('vitest: FAILED outside the tests (see above)');
  }
} else {
  totals.failed += 1;
  lines.push('vitest: FAILED to run');
}


for (const suite of ['e2e', 'electron']) {
  const out = join(reports, `${suite}.json`);
  if (!built) {
    totals.failed += 1;
    lines.push(`${suite}: not run, the build failed`);
    continue;
  }
  const ok = step(`${suite} (playwright)`, bin('playwright'), ['test', '-c', `test/${suite}/playwright.config.ts`, '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
  });
  const r = readJson(out);
  if (r?.stats) {
    const { expected, unexpected, skipped, flaky } = r.stats;
    totals.passed += expected + flaky;
    totals.failed += unexpected;
    totals.skipped += skipped;
    lines.push(`${suite}: ${expected + flaky} passed, ${unexpected} failed, ${skipped} skipped`);
    if (!ok && unexpected === 0) {
      totals.failed += 1;
      lines.push(`${suite}: FAILED outside the tests (see above)`);
    }
  } else {
    totals.failed += 1;
    lines.push(`${suite}: FAILED to run`);
  }
}

rmSync(reports, { recursive: true, force: true });
console.log('\n' + lines.join('\n'));
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
