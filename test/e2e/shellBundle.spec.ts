import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ROOT } from '../helpers/cli';

// The desktop shell cannot be launched without an Electron runtime (see
// test/electron), but its built bundles can still be checked for what breaks
// them before any window opens.
test.describe('built desktop shell', () => {
  test('main bundle parses as an ES module', () => {
    expect(() => execFileSync(process.execPath, ['--check', join(ROOT, 'out/main/index.js')], { stdio: 'pipe' })).not.toThrow();
  });

  test('preload is one CommonJS file that requires nothing but electron (sandbox-safe)', () => {
    const code = readFileSync(join(ROOT, 'out/preload/index.cjs'), 'utf8');
    expect(() => execFileSync(process.execPath, ['--check', join(ROOT, 'out/preload/index.cjs')], { stdio: 'pipe' })).not.toThrow();
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(code).toContain('exposeInMainWorld');
    expect(code).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });

  test('renderer page carries a strict content security policy', () => {
    const html = readFileSync(join(ROOT, 'out/renderer/index.html'), 'utf8');
    expect(html).toMatch(/Content-Security-Policy/i);
    expect(html).toContain("default-src 'self'");
    expect(html).not.toMatch(/https?:\/\//);
  });
});
