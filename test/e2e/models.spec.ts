import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { writeRandomModel } from '../../electron/core/models/gguf/randomModel';
import { ADMIN, makeTempHome } from '../helpers/tempHome';
import { runTriad, serve, type ServedApp, signIn } from './servedApp';

// The model registry as a model owner meets it: import (by path and by upload,
// with progress), approve with a second pair of eyes, label, roll back, compare, document.
test.describe('models page', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let app: ServedApp;
  let pathFile: string;
  let uploadFile: string;

  test.beforeAll(async () => {
    temp = makeTempHome('triad-e2e-models-');
    const demo = await runTriad(['demo', '--home', join(temp.home, 'home')], { TRIAD_USER: ADMIN.username, TRIAD_PASSWORD: ADMIN.password });
    expect(demo.code, demo.stderr).toBe(0);
    pathFile = join(temp.home, 'by-path.gguf');
    uploadFile = join(temp.home, 'by-upload.gguf');
    await writeRandomModel(pathFile, { name: 'e2e', embeddingLength: 64, blockCount: 1, feedForwardLength: 128, seed: 1 });
    // Over 1 MiB, so the upload goes in several chunks.
    await writeRandomModel(uploadFile, { name: 'e2e', embeddingLength: 128, blockCount: 3, feedForwardLength: 256, seed: 2 });
    app = await serve(join(temp.home, 'home'));
  });
  test.afterAll(async () => {
    await app.stop();
    temp.cleanup();
  });

  async function openModelsPage(page: Page) {
    await page.goto(app.baseUrl);
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('link', { name: 'Models' }).click();
  }

  test('imports by path and by upload, and refuses approving your own import', async ({ page }) => {
    await openModelsPage(page);
    await expect(page.getByTestId('model-row')).toContainText('demo-assistant');
    await page.getByRole('button', { name: 'Import model' }).click();
    await page.getByLabel('Model name').fill('e2e-model');
    await page.getByLabel('Path on this machine').fill(pathFile);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByTestId('import-result')).toContainText('Imported e2e-model@1');
    const sha1 = execFileSync('sha256sum', [pathFile]).toString().slice(0, 12);
    await expect(page.getByTestId('version-item').first()).toContainText(sha1);

    // The browser route: the file is uploaded in chunks, with a progress bar, then imported.
    await page.getByLabel('Model name').fill('e2e-model');
    const progressSeen = page.getByTestId('import-progress').waitFor({ state: 'visible' });
    await page.getByLabel('Choose a GGUF file').setInputFiles(uploadFile);
    await progressSeen;
    await expect(page.getByTestId('import-result')).toContainText('Imported e2e-model@2');
    const sha2 = execFileSync('sha256sum', [uploadFile]).toString().slice(0, 12);
    await expect(page.getByTestId('version-item').first()).toContainText(sha2);

    // A bad path is refused with the server's message; nothing is added.
    await page.getByLabel('Path on this machine').fill(join(temp.home, 'missing.gguf'));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('Model file not found');
    await expect(page.getByTestId('version-item')).toHaveCount(2);

    // Separation of duties: admin imported @1, so admin may not approve it.
    await page.getByLabel('Reason for e2e-model@1').fill('ready for review');
    await page.getByLabel('Next stage for e2e-model@1').selectOption('candidate');
    await page.getByTestId('version-item').nth(1).getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByTestId('version-item').nth(1)).toContainText('draft → candidate by admin');
    await page.getByLabel('Reason for e2e-model@1').fill('looks fine');
    await page.getByTestId('version-item').nth(1).getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByTestId('version-item').nth(1).getByRole('alert')).toContainText('separation of duties');
    await expect(page.getByTestId('version-item').nth(1)).not.toContainText('candidate → approved');
  });

  test('approves, labels, rolls back, compares and documents the demo model', async ({ page }) => {
    await openModelsPage(page);
    await page.getByTestId('model-row').filter({ hasText: 'demo-assistant' }).click();
    const item = (v: number) => page.getByTestId('version-item').filter({ hasText: `demo-assistant@${v}` });
    for (const v of [1, 2]) {
      await page.getByLabel(`Reason for demo-assistant@${v}`).fill('review');
      await item(v).getByRole('button', { name: 'Apply' }).click();
      await expect(item(v)).toContainText('candidate');
      await page.getByLabel(`Reason for demo-assistant@${v}`).fill('eval passed');
      await item(v).getByRole('button', { name: 'Apply' }).click();
      await expect(item(v)).toContainText('candidate → approved by admin');
    }
    for (const v of [1, 2]) {
      await page.getByLabel('Label version').selectOption(String(v));
      await page.getByLabel('Label reason').fill(`ship v${v}`);
      await page.getByRole('button', { name: 'Set label' }).click();
      await expect(page.getByTestId('label-row')).toContainText(`→ @${v}`);
    }
    await page.getByLabel('Label reason').fill('v2 leaks PII');
    await page.getByRole('button', { name: 'Roll back production' }).click();
    await expect(page.getByTestId('label-row')).toContainText('→ @1');
    await expect(page.getByTestId('label-history-row').first()).toContainText('rollback @2 → @1');
    await expect(page.getByTestId('label-history-row').first()).toContainText('v2 leaks PII');
    await expect(page.getByText('runs @1 (the production label)')).toBeVisible();

    await expect(page.getByTestId('diff-summary')).toContainText('differ');
    await expect(page.locator('tr.diff-changed').filter({ hasText: 'sha256' })).toHaveCount(1);

    await page.getByLabel('Card version').selectOption('1');
    await page.getByLabel('Owner').fill('Model Risk Office');
    await page.getByLabel('Intended use').fill('Demonstrations only');
    await page.getByRole('button', { name: 'Save card' }).click();
    await expect(page.getByText('Last saved')).toContainText('by admin');
    await page.reload();
    await page.getByLabel('Card version').selectOption('1');
    await expect(page.getByLabel('Owner')).toHaveValue('Model Risk Office');
  });
});
