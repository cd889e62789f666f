import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronRuntime } from '../../scripts/electron-runtime.mjs';
import { DEMO_SENTENCES } from '../../electron/core/models/demoModels';
import { ROOT } from '../helpers/cli';
import { makeTempHome } from '../helpers/tempHome';

// The real desktop app through Playwright's Electron support. These machines
// have no Electron runtime (its binary cannot be downloaded offline), so the
// test skips with the reason instead of pretending.
const runtime = findElectronRuntime();
if (!runtime.ok) console.log(`[electron] skipping the desktop app test: no Electron runtime (${runtime.reason}).`);

test.describe('desktop app (Electron)', () => {
  test.skip(!runtime.ok, `No Electron runtime: ${runtime.ok ? '' : runtime.reason}. Run on a machine with Electron installed and a display.`);

  test('opens on the demo workspace, creates the admin and runs a prompt over IPC', async () => {
    if (!runtime.ok) return;
    const temp = makeTempHome('triad-electron-');
    const app = await electron.launch({ executablePath: runtime.path, args: [ROOT, '--home', temp.home] });
    try {
      const page = await app.firstWindow();
      // Context isolation and the sandbox: the page sees the narrow bridge and no Node.
      const pageEnv = await page.evaluate(() => ({
        bridge: typeof (window as unknown as { triad?: unknown }).triad,
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
      }));
      expect(pageEnv).toEqual({ bridge: 'object', require: 'undefined', process: 'undefined' });
      await expect(page.getByRole('heading', { name: /create the administrator/i })).toBeVisible();
      await page.getByLabel('User name').fill('owner');
      await page.getByLabel('Password', { exact: true }).fill('owner-password-1');
      await page.getByLabel('Confirm password').fill('owner-password-1');
      await page.getByRole('button', { name: 'Create administrator' }).click();
      await page.getByRole('link', { name: 'Playground' }).click();
      await page.getByLabel('Model').selectOption('demo-assistant@1');
      await page.getByLabel('Prompt', { exact: true }).fill('Hello');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await expect(page.getByTestId('run-output')).toHaveText(DEMO_SENTENCES[1]);
    } finally {
      await app.close();
      temp.cleanup();
    }
  });
});
