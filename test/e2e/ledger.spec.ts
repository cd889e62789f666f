import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ADMIN, makeTempHome } from '../helpers/tempHome';
import { runTriad, serve, type ServedApp, signIn } from './servedApp';

// The ledger as a user meets it: the top bar says whether the record verifies,
// the Audit page verifies on demand, and an edit made behind Triad's back
// turns the status red and names the entry.
test.describe('ledger status and audit page', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let app: ServedApp;

  test.beforeAll(async () => {
    temp = makeTempHome('triad-e2e-ledger-');
    const demo = await runTriad(['demo', '--home', temp.home], { TRIAD_USER: ADMIN.username, TRIAD_PASSWORD: ADMIN.password });
    expect(demo.code, demo.stderr).toBe(0);
    app = await serve(temp.home);
  });
  test.afterAll(async () => {
    await app.stop();
    temp.cleanup();
  });

  test('verifies, signs a checkpoint, then flags tampering loudly', async ({ page }) => {
    await page.goto(app.baseUrl);
    await signIn(page, ADMIN.username, ADMIN.password);

    const badge = page.getByTestId('ledger-status');
    await expect(badge).toContainText('Ledger verified');
    await page.getByRole('link', { name: 'Audit', exact: true }).click();
    await page.getByRole('button', { name: 'Sign checkpoint' }).click();
    await expect(page.getByTestId('checkpoint-row').first()).toBeVisible();
    await page.getByRole('button', { name: 'Verify now' }).click();
    await expect(page.getByTestId('ledger-verdict')).toContainText('Verified.');
    await expect(page.getByRole('heading', { name: 'Audit bundles' })).toBeVisible();
    await expect(page.getByText('Not built yet.')).toBeVisible();

    await page.getByLabel('Entry number, trace id or audit event id').fill('1');
    await page.getByRole('button', { name: 'Get proof' }).click();
    await expect(page.getByTestId('proof-result')).toContainText('the proof verifies');

    // Signing keys: the installation's public key as PEM for a reviewer, and the user's own key.
    const keys = page.getByTestId('ledger-keys');
    await expect(keys).toContainText('installation');
    await keys.getByRole('button', { name: 'Show PEM' }).first().click();
    await expect(page.getByTestId('ledger-pem').first()).toContainText('-----BEGIN PUBLIC KEY-----');
    const myPassword = page.getByLabel(`Password for ${ADMIN.username}`);
    await myPassword.fill('not-the-password');
    await page.getByRole('button', { name: 'Rotate my key' }).click();
    await expect(page.getByText('The key action failed')).toBeVisible();
    await myPassword.fill(ADMIN.password);
    await page.getByRole('button', { name: 'Co-sign latest checkpoint' }).click();
    await expect(page.getByText(/You co-signed checkpoint #\d+/)).toBeVisible();
    await myPassword.fill(ADMIN.password);
    await page.getByRole('button', { name: 'Rotate my key' }).click();
    await expect(page.getByText(/New signing key/)).toBeVisible();
    await expect(keys.getByText('retired', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Verify now' }).click();
    await expect(page.getByTestId('ledger-verdict')).toContainText('Verified.');

    execFileSync('sqlite3', [
      join(temp.home, 'triad.db'),
      `DROP TRIGGER ledger_entries_no_update; UPDATE ledger_entries SET body = replace(body, '"admin"', '"mallory"') WHERE idx = 1;`,
    ]);
    await page.getByRole('button', { name: 'Verify now' }).click();
    await expect(page.getByTestId('ledger-verdict')).toContainText('the first bad entry is 1');
    await page.reload();
    await expect(page.getByTestId('ledger-status')).toContainText('Ledger TAMPERED · entry 1');
  });
});
