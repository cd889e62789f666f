import { expect, test } from '@playwright/test';
import { makeTempHome } from '../helpers/tempHome';
import { runTriad, serve, type ServedApp } from './servedApp';

// A newcomer's first start: an empty home, the demo models, no admin yet.
test.describe('first launch in the browser', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let app: ServedApp;

  test.beforeAll(async () => {
    temp = makeTempHome('triad-e2e-first-');
    const demo = await runTriad(['demo', '--home', temp.home]);
    expect(demo.code, demo.stderr).toBe(0);
    app = await serve(temp.home);
  });
  test.afterAll(async () => {
    await app.stop();
    temp.cleanup();
  });

  test('creates the administrator from the printed link and lands in the app', async ({ page }) => {
    await page.goto(app.launchUrl);
    await expect(page.getByRole('heading', { name: /create the administrator/i })).toBeVisible();
    // The launch token must not linger in the address bar.
    await expect.poll(() => page.url()).not.toContain('launch=');
    await page.getByLabel('User name').fill('owner');
    await page.getByLabel('Password', { exact: true }).fill('owner-password-1');
    await page.getByLabel('Confirm password').fill('owner-password-1');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await expect(page.getByText('owner', { exact: false }).first()).toBeVisible();
    await expect(page.getByRole('navigation')).toContainText('Playground');
  });

  test('a browser without the link cannot create an administrator', async ({ browser }) => {
    const other = makeTempHome('triad-e2e-nolink-');
    const fresh = await serve(other.home);
    try {
      const page = await browser.newPage();
      await page.goto(fresh.baseUrl);
      await expect(page.getByText('Open the launch link to continue.')).toBeVisible();
      await page.close();
    } finally {
      await fresh.stop();
      other.cleanup();
    }
  });
});
