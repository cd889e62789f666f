import { expect, test } from '@playwright/test';
import { DEMO_SENTENCES } from '../../electron/core/models/demoModels';
import { ADMIN, makeTempHome } from '../helpers/tempHome';
import { runTriad, serve, type ServedApp, signIn } from './servedApp';

// The first vertical slice as a user meets it: sign in, run a prompt, watch it
// stream, find the run among the traces.
test.describe('playground and traces', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let app: ServedApp;

  test.beforeAll(async () => {
    temp = makeTempHome('triad-e2e-run-');
    const demo = await runTriad(['demo', '--home', temp.home], { TRIAD_USER: ADMIN.username, TRIAD_PASSWORD: ADMIN.password });
    expect(demo.code, demo.stderr).toBe(0);
    app = await serve(temp.home);
  });
  test.afterAll(async () => {
    await app.stop();
    temp.cleanup();
  });

  test('refuses a wrong password with a clear message', async ({ page }) => {
    await page.goto(app.launchUrl);
    await signIn(page, ADMIN.username, 'not-the-password');
    await expect(page.getByText('Wrong user name or password.')).toBeVisible();
  });

  test('signs in, streams an answer and records the trace', async ({ page }) => {
    await page.goto(app.baseUrl);
    await signIn(page, ADMIN.username, ADMIN.password);

    await page.getByRole('link', { name: 'Playground' }).click();
    await page.getByLabel('Model').selectOption('demo-assistant@2');
    await page.getByLabel('Prompt', { exact: true }).fill('How do I pay?');

    // Count the streamed updates of the output as they arrive.
    await page.getByTestId('run-output').evaluate((el) => {
      const w = window as unknown as { __updates: number };
      w.__updates = 0;
      new MutationObserver(() => (w.__updates += 1)).observe(el, { childList: true, subtree: true, characterData: true });
    });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('run-output')).toHaveText(DEMO_SENTENCES[2]);
    await expect(page.getByTestId('run-result')).toBeVisible();
    const updates = await page.evaluate(() => (window as unknown as { __updates: number }).__updates);
    expect(updates).toBeGreaterThan(1);

    await page.getByRole('link', { name: 'Traces' }).click();
    const row = page.getByTestId('trace-row').first();
    await expect(row).toContainText('demo-assistant');
    await expect(row).toContainText('How do I pay?');
    await row.click();
    await expect(page.getByText(DEMO_SENTENCES[2]).first()).toBeVisible();
    await expect(page).toHaveURL(/#\/traces\/[0-9a-f-]{36}/);
  });
});
