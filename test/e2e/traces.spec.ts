import { expect, test } from '@playwright/test';
import { DEMO_SENTENCES } from '../../electron/core/models/demoModels';
import { ADMIN, makeTempHome } from '../helpers/tempHome';
import { runTriad, serve, type ServedApp, signIn } from './servedApp';

// The trace explorer as an analyst meets it: run with every option, search,
// filter from the URL, read the detail (parameters, runtime, resources, spans), replay.
test.describe('trace explorer', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let app: ServedApp;
  const as = { TRIAD_USER: ADMIN.username, TRIAD_PASSWORD: ADMIN.password };

  test.beforeAll(async () => {
    temp = makeTempHome('triad-e2e-traces-');
    const demo = await runTriad(['demo', '--home', temp.home], as);
    expect(demo.code, demo.stderr).toBe(0);
    const cli = await runTriad(['run', '--home', temp.home, '--model', 'demo-assistant@2', '--mode', 'completion', '--prompt', 'Pay the invoice'], as);
    expect(cli.code, cli.stderr).toBe(0);
    app = await serve(temp.home);
  });
  test.afterAll(async () => {
    await app.stop();
    temp.cleanup();
  });

  test('runs with stop strings, searches, filters in the URL, shows the detail and replays identically', async ({ page }) => {
    await page.goto(app.baseUrl);
    await signIn(page, ADMIN.username, ADMIN.password);

    await page.getByRole('link', { name: 'Playground' }).click();
    await page.getByLabel('Model').selectOption('demo-assistant@1');
    await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('Introduce yourself');
    await expect(page.getByLabel('Min-p')).toBeVisible();
    await page.getByLabel('Repeat penalty').fill('1');
    await page.getByLabel('Temperature').fill('0');
    await page.getByLabel(/Stop strings/).fill(' demo');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('run-result')).toBeVisible();
    await expect(page.getByTestId('run-output')).toHaveText('Hello! This is the Triad');

    await page.getByRole('link', { name: 'Traces' }).click();
    await expect(page.getByTestId('trace-row')).toHaveCount(2);
    await page.getByLabel('Search inputs and outputs').fill('charge');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/search=charge/);
    await expect(page.getByTestId('trace-row')).toHaveCount(1);
    await expect(page.getByTestId('trace-row')).toContainText('Pay the invoice');

    // Filters live in the URL: a reload (or a shared link) shows the same view.
    await page.goto(`${app.baseUrl}#/traces?source=browser`);
    await expect(page.getByTestId('trace-row')).toHaveCount(1);
    await expect(page.getByTestId('trace-row')).toContainText('Introduce yourself');
    await expect(page.getByLabel('Source')).toHaveValue('browser');
    await page.getByTestId('trace-row').click();

    const detail = page.getByTestId('trace-detail');
    await expect(detail.getByTestId('trace-output')).toHaveText('Hello! This is the Triad');
    await expect(detail.getByRole('region', { name: 'Parameters' })).toContainText('" demo"');
    await expect(detail.getByRole('region', { name: 'Runtime' })).toContainText('cpu');
    await expect(detail.getByTestId('resource-chart')).toBeVisible();
    await expect(detail.locator('.recharts-line').first()).toBeVisible();
    await expect(detail.getByTestId('span-row').filter({ hasText: 'Generation' })).toHaveCount(1);
    await expect(detail.getByTestId('span-row').filter({ hasText: 'Pre-checks' })).toHaveCount(1);

    await detail.getByRole('button', { name: 'Replay' }).click();
    await expect(detail.getByTestId('replay-result')).toContainText('Identical output.');
    await detail.getByRole('link', { name: 'Open the replay' }).click();
    await expect(page.getByTestId('trace-output')).toHaveText('Hello! This is the Triad');
    await expect(page.getByTestId('trace-detail').getByRole('region', { name: 'Outcome' })).toContainText('Replay of');
    expect(DEMO_SENTENCES[1].startsWith('Hello! This is the Triad')).toBe(true);
  });
});
