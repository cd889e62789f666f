import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DEMO_SENTENCES } from '../../electron/core/models/demoModels';
import { ADMIN, makeTempHome } from '../helpers/tempHome';
import { runTriad, serve, type ServedApp, signIn } from './servedApp';

// The prompt registry as a user meets it: edit with a live preview, save a
// version, compare it, label it, and run it from the playground by reference.
test.describe('prompts', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let app: ServedApp;
  const env = { TRIAD_USER: ADMIN.username, TRIAD_PASSWORD: ADMIN.password };

  test.beforeAll(async () => {
    temp = makeTempHome('triad-e2e-prompts-');
    expect((await runTriad(['demo', '--home', temp.home], env)).code).toBe(0);
    const file = join(temp.home, 'greet.yaml');
    // It pins a model and a mode, which the playground applies when the prompt is picked.
    writeFileSync(file, 'system: You help the {{team}} team.\ntemplate: Hello {{name}}, how can we help?\nmodel: demo-assistant@2\nparams:\n  mode: completion\n');
    const created = await runTriad(['prompts', 'create', 'greet', '--file', file, '-m', 'first', '--home', temp.home], env);
    expect(created.code, created.stderr).toBe(0);
    app = await serve(temp.home);
  });
  test.afterAll(async () => {
    await app.stop();
    temp.cleanup();
  });

  test('edits with a live preview, saves a version, diffs and labels it, runs it by reference', async ({ page }) => {
    await page.goto(app.launchUrl);
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('link', { name: 'Prompts' }).click();

    await expect(page.getByRole('button', { name: /greet/ })).toBeVisible();
    const preview = page.getByTestId('preview-message');
    await expect(preview.nth(1)).toHaveText('Hello {{name}}, how can we help?');
    await page.getByLabel('Variable name').fill('Ada');
    await page.getByLabel('Variable team').fill('Payments');
    await expect(preview.nth(0)).toHaveText('You help the Payments team.');
    await expect(preview.nth(1)).toHaveText('Hello Ada, how can we help?');

    await page.getByLabel('User message template').fill('Hello {{name}}, how may we help today?');
    await expect(preview.nth(1)).toHaveText('Hello Ada, how may we help today?');
    // A broken template is reported, not saved.
    await page.getByLabel('User message template').fill('Hello {{name');
    await expect(page.getByText('The template does not parse')).toBeVisible();
    await page.getByLabel('User message template').fill('Hello {{name}}, how may we help today?');
    await page.getByLabel('Commit message').fill('friendlier');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await expect(page.getByText('Saved greet@2.')).toBeVisible();

    await page.getByRole('tab', { name: 'Diff' }).click();
    await expect(page.getByTestId('diff-del')).toContainText('Hello {{name}}, how can we help?');
    await expect(page.getByTestId('diff-add')).toContainText('Hello {{name}}, how may we help today?');
    await expect(page.locator('mark.diff-word-add').first()).toHaveText(/may/);

    await page.getByRole('tab', { name: 'Labels' }).click();
    await page.getByLabel('Label', { exact: true }).fill('staging');
    await page.getByLabel('Version to label').selectOption('2');
    await page.getByRole('button', { name: 'Set label' }).click();
    await expect(page.getByTestId('prompt-label-row')).toContainText('staging');
    await expect(page.getByTestId('prompt-label-event')).toHaveCount(1);

    await page.getByRole('tab', { name: 'Versions' }).click();
    await expect(page.getByTestId('prompt-version-row')).toHaveCount(2);

    // Export saves a .yaml file that holds every version.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all as .yaml' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^triad-prompts-\d{4}-\d{2}-\d{2}\.yaml$/);
    const saved = readFileSync(await download.path(), 'utf8');
    expect(saved).toContain('format: triad.prompts/1');
    expect(saved).toContain('Hello {{name}}, how may we help today?');

    await page.getByRole('link', { name: 'Playground' }).click();
    // Chosen before the prompt was picked: the prompt's pinned model and mode take over.
    await page.getByLabel('Model').selectOption('demo-assistant@1');
    await page.getByLabel('Saved prompt').selectOption('greet@staging');
    await expect(page.getByLabel('Model')).toHaveValue('demo-assistant@2');
    await expect(page.getByTestId('model-from-prompt')).toContainText('greet@staging');
    await expect(page.getByRole('radio', { name: 'Completion' })).toBeChecked();
    await expect(page.getByTestId('mode-from-prompt')).toBeVisible();
    await page.getByLabel('Variable name').fill('Ada');
    await page.getByLabel('Variable team').fill('Payments');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('run-output')).toHaveText(DEMO_SENTENCES[2]);

    // Changed after picking: the user's choices win, and no longer say "from prompt".
    await page.getByLabel('Model').selectOption('demo-assistant@1');
    await page.getByText('Chat', { exact: true }).click();
    await expect(page.getByTestId('model-from-prompt')).toHaveCount(0);
    await expect(page.getByTestId('mode-from-prompt')).toHaveCount(0);
    await expect(page.getByRole('radio', { name: 'Chat' })).toBeChecked();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('run-output')).toHaveText(DEMO_SENTENCES[1]);

    // Per-version usage: the two runs of version 2, no flags, and no evals yet.
    await page.getByRole('link', { name: 'Prompts' }).click();
    await page.getByRole('button', { name: /greet/ }).click();
    await page.getByRole('tab', { name: 'Versions' }).click();
    await expect(page.getByText('Eval pass rate: no evals yet.')).toBeVisible();
    const v2 = page.getByTestId('prompt-version-row').first();
    await expect(v2.getByTestId('usage-runs')).toHaveText('2');
    await expect(v2.getByTestId('usage-flags')).toHaveText('none');
  });
});
