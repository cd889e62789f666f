import { expect, test, type Page } from '@playwright/test';
import { ADMIN, makeTempHome } from '../helpers/tempHome';
import { runTriad, serve, type ServedApp } from './servedApp';

// Governance as an administrator meets it: add a user, change the role,
// disable them, read what happened in the audit log; and a password change
// from the user menu.
test.describe('governance: users, roles and the audit log', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let app: ServedApp;

  test.beforeAll(async () => {
    temp = makeTempHome('triad-e2e-gov-');
    const as = { TRIAD_USER: ADMIN.username, TRIAD_PASSWORD: ADMIN.password, TRIAD_HOME: temp.home };
    const init = await runTriad(['init', '--admin', ADMIN.username], as);
    expect(init.code, init.stderr).toBe(0);
    const analyst = await runTriad(['users', 'add', 'ana', '--role', 'analyst'], { ...as, TRIAD_NEW_PASSWORD: 'analysis-42' });
    expect(analyst.code, analyst.stderr).toBe(0);
    app = await serve(temp.home);
  });
  test.afterAll(async () => {
    await app.stop();
    temp.cleanup();
  });

  async function signIn(page: Page, username: string, password: string) {
    await page.goto(app.baseUrl);
    await page.getByLabel('User name').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  test('an admin adds a user, changes the role, disables them, and finds it all in the audit log', async ({ page }) => {
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('link', { name: 'Governance' }).click();
    await expect(page.getByTestId('user-row')).toHaveCount(2);

    await page.getByRole('button', { name: 'Add user' }).click();
    const form = page.getByRole('form', { name: 'Add user' });
    await form.getByLabel('User name').fill('erin');
    await form.getByLabel('Role').selectOption('engineer');
    await form.getByLabel('First password').fill('short');
    await form.getByRole('button', { name: 'Add user' }).click();
    await expect(form.getByText('A password needs at least 8 characters')).toBeVisible();
    await form.getByLabel('First password').fill('engine-room-7');
    await form.getByRole('button', { name: 'Add user' }).click();

    const erin = page.locator('[data-testid="user-row"][data-username="erin"]');
    await expect(erin).toContainText('active');
    await page.getByLabel('Role of erin').selectOption('analyst');
    await expect(page.getByText('erin is now analyst.')).toBeVisible();
    await page.getByRole('button', { name: 'Disable erin' }).click();
    await expect(erin).toContainText('disabled');
    await expect(page.getByRole('button', { name: 'Enable erin' })).toBeVisible();

    // The core refuses what the UI does not offer: the last admin cannot be demoted.
    await page.getByLabel('Role of admin').selectOption('reviewer');
    await expect(page.getByRole('alert')).toContainText('last active administrator');
    await expect(page.getByLabel('Role of admin')).toHaveValue('admin');

    await page.getByRole('radiogroup', { name: 'View' }).getByText('Audit log').click();
    await expect(page.getByRole('radio', { name: 'Audit log' })).toBeChecked();
    await expect(page).toHaveURL(/view=audit/);
    const rows = page.getByTestId('audit-row');
    await expect(rows.first()).toContainText('user.disable');
    await expect(page.locator('[data-testid="audit-row"]', { hasText: 'user.role' })).toContainText('{"role":"engineer"} → {"role":"analyst"}');

    await page.getByLabel('Action').selectOption('user.');
    await expect(page).toHaveURL(/action=user\./);
    // admin and ana were created from the CLI; erin's creation, role change and disabling from here.
    await expect(rows).toHaveText([/user\.disable/, /user\.role/, /user\.create.*user:erin/, /user\.create.*user:ana/, /user\.create.*user:admin/]);

    await page.getByLabel('Source').selectOption('browser');
    await expect(rows).toHaveCount(3);
    // Filters live in the URL: a reload shows the same view.
    await page.reload();
    await expect(page.getByTestId('audit-row')).toHaveCount(3);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page).not.toHaveURL(/action=/);
  });

  test('a disabled user cannot sign in, with a clear message', async ({ page }) => {
    const as = { TRIAD_USER: ADMIN.username, TRIAD_PASSWORD: ADMIN.password, TRIAD_HOME: temp.home };
    expect((await runTriad(['users', 'add', 'dora', '--role', 'reviewer'], { ...as, TRIAD_NEW_PASSWORD: 'reviewing-9' })).code).toBe(0);
    await signIn(page, 'dora', 'reviewing-9');
    await expect(page.getByRole('button', { name: /dora/ })).toBeVisible();
    expect((await runTriad(['users', 'disable', 'dora'], as)).code).toBe(0);
    // The open session ends at the next call; the sign-in page says why.
    await page.getByRole('link', { name: 'Governance' }).click();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await signIn(page, 'dora', 'reviewing-9');
    await expect(page.getByText('The account "dora" is disabled.')).toBeVisible();
  });

  test('an analyst sees why the page is closed to them, and changes their own password from the user menu', async ({ page }) => {
    await signIn(page, 'ana', 'analysis-42');
    await page.getByRole('link', { name: 'Governance' }).click();
    await expect(page.getByText('Your role (analyst) may not see them.', { exact: false })).toBeVisible();

    await page.getByRole('button', { name: /ana/ }).click();
    await page.getByRole('menuitem', { name: 'Change password…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change password' });
    await dialog.getByLabel('Current password').fill('wrong-one');
    await dialog.getByLabel('New password', { exact: true }).fill('better-one-2');
    await dialog.getByLabel('Repeat new password').fill('better-one-2');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await expect(dialog.getByText('The current password is wrong.')).toBeVisible();
    await dialog.getByLabel('Current password').fill('analysis-42');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText('Password changed. Your other sessions have ended.')).toBeVisible();

    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.getByLabel('User name').fill('ana');
    await page.getByLabel('Password').fill('better-one-2');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('button', { name: /ana/ })).toBeVisible();
  });
});
