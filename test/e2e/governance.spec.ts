import { expect, test, type Page } from '@playwright/test';
import { post } from '../helpers/httpClient';
import { ADMIN, makeTempHome } from '../helpers/tempHome';
import { runTriad, serve, type ServedApp, signIn } from './servedApp';

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

  async function openAndSignIn(page: Page, username: string, password: string) {
    await page.goto(app.baseUrl);
    await signIn(page, username, password);
  }

  test('an admin adds a user, changes the role, disables them, and finds it all in the audit log', async ({ page }) => {
    await openAndSignIn(page, ADMIN.username, ADMIN.password);
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
    await openAndSignIn(page, 'dora', 'reviewing-9');
    await expect(page.getByRole('button', { name: /dora/ })).toBeVisible();
    expect((await runTriad(['users', 'disable', 'dora'], as)).code).toBe(0);
    // The open session ends at the next call; the sign-in page says why.
    await page.getByRole('link', { name: 'Governance' }).click();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await openAndSignIn(page, 'dora', 'reviewing-9');
    await expect(page.getByText('The account "dora" is disabled.')).toBeVisible();
  });

  test('an analyst sees why the page is closed to them, and changes their own password from the user menu', async ({ page }) => {
    await openAndSignIn(page, 'ana', 'analysis-42');
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
    await signIn(page, 'ana', 'better-one-2');
    await expect(page.getByRole('button', { name: /ana/ })).toBeVisible();
  });

  test('a user creates an API token in the UI, uses it over HTTP, and revokes it; an admin revokes another user\'s', async ({ page }) => {
    const as = { TRIAD_USER: ADMIN.username, TRIAD_PASSWORD: ADMIN.password, TRIAD_HOME: temp.home };
    expect((await runTriad(['users', 'add', 'tess', '--role', 'analyst'], { ...as, TRIAD_NEW_PASSWORD: 'testing-tess-5' })).code).toBe(0);
    await openAndSignIn(page, 'tess', 'testing-tess-5');
    await page.getByRole('button', { name: /tess/ }).click();
    await page.getByRole('menuitem', { name: 'API tokens…' }).click();
    await expect(page).toHaveURL(/view=tokens/);
    await expect(page.getByText('No API tokens yet')).toBeVisible();

    async function create(name: string): Promise<string> {
      await page.getByRole('button', { name: 'Create token' }).click();
      const form = page.getByRole('form', { name: 'Create token' });
      await form.getByLabel('Token name').fill(name);
      await form.getByRole('button', { name: 'Create token' }).click();
      await expect(page.getByText(`Token "${name}" created. Copy it now: you will not see it again.`)).toBeVisible();
      const secret = (await page.getByTestId('new-token').textContent()) ?? '';
      expect(secret).toMatch(/^triad_[A-Za-z0-9_-]{43}$/);
      await page.getByRole('button', { name: 'I have copied it' }).click();
      // Once dismissed, the secret is nowhere on the page any more.
      await expect(page.getByTestId('new-token')).toHaveCount(0);
      await expect(page.getByText(secret)).toHaveCount(0);
      return secret;
    }
    const a = await create('script-a');
    const b = await create('script-b');
    await expect(page.getByTestId('token-row')).toHaveCount(2);
    // Analysts see only their own tokens.
    await expect(page.getByRole('table', { name: "All users' tokens" })).toHaveCount(0);

    // The token acts as tess over HTTP: an analyst may list models, not users.
    expect((await post(app.baseUrl, 'models.list', {}, a)).status).toBe(200);
    expect((await post(app.baseUrl, 'users.list', {}, a)).status).toBe(403);
    expect((await post(app.baseUrl, 'auth.whoami', {}, b)).result).toMatchObject({ username: 'tess', role: 'analyst' });
    await page.reload();
    await expect(page.locator('[data-testid="token-row"][data-token-name="script-a"]')).not.toContainText('never');

    await page.getByRole('button', { name: 'Revoke token script-a' }).click();
    await page.getByRole('button', { name: 'Confirm revoking token script-a' }).click();
    await expect(page.getByText('Revoked your token "script-a". It no longer works.')).toBeVisible();
    await expect(page.locator('[data-testid="token-row"][data-token-name="script-a"]')).toContainText('revoked');
    const refused = await post(app.baseUrl, 'models.list', {}, a);
    expect(refused.status).toBe(401);
    expect(refused.error?.message).toBe('This API token has been revoked.');
    expect((await post(app.baseUrl, 'models.list', {}, b)).status).toBe(200);

    // An administrator sees everyone's tokens and stops tess's other script.
    await page.getByRole('button', { name: /tess/ }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await openAndSignIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('link', { name: 'Governance' }).click();
    await page.getByRole('radiogroup', { name: 'View' }).getByText('API tokens').click();
    const everyone = page.getByRole('table', { name: "All users' tokens" });
    await expect(everyone.locator('[data-owner="tess"]')).toHaveCount(2);
    await everyone.getByRole('button', { name: "Revoke tess's token script-b" }).click();
    await everyone.getByRole('button', { name: "Confirm revoking tess's token script-b" }).click();
    await expect(page.getByText('Revoked tess\'s token "script-b". It no longer works.')).toBeVisible();
    await expect(everyone.locator('[data-token-name="script-b"]')).toContainText('by admin');
    expect((await post(app.baseUrl, 'models.list', {}, b)).status).toBe(401);

    await page.getByRole('radiogroup', { name: 'View' }).getByText('Audit log').click();
    await page.getByLabel('Action').selectOption('token.');
    await expect(page.getByTestId('audit-row')).toHaveText([/admin.*token\.revoke.*"owner":"tess"/, /tess.*token\.revoke/, /tess.*token\.create/, /tess.*token\.create/]);
  });

  test('an admin changes a runtime setting with its source badge and audit trail; an analyst reads it only', async ({ page }) => {
    await openAndSignIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('link', { name: 'Governance' }).click();
    await page.getByRole('radiogroup', { name: 'View' }).getByText('Settings').click();
    const queue = page.locator('[data-testid="setting-row"][data-key="runtime.runQueue"]');
    await expect(queue.getByTestId('setting-source')).toHaveText('default');
    await expect(page.getByText('No setting has been changed yet')).toBeVisible();
    await page.getByLabel('New value for runtime.runQueue').fill('999');
    await queue.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert')).toContainText('a whole number 1..256');
    await expect(queue.getByTestId('setting-source')).toHaveText('default');
    await page.getByLabel('New value for runtime.runQueue').fill('4');
    await queue.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('runtime.runQueue is now 4. It applies at once.')).toBeVisible();
    await expect(queue.getByTestId('setting-source')).toHaveText('stored');
    await expect(page.getByTestId('audit-row')).toHaveCount(1);
    await expect(page.getByTestId('audit-row')).toContainText('settings.set');

    await page.getByRole('button', { name: /admin/ }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await signIn(page, 'ana', 'better-one-2');
    await page.getByRole('link', { name: 'Governance' }).click();
    await page.getByRole('radiogroup', { name: 'View' }).getByText('Settings').click();
    await expect(queue.getByTestId('setting-source')).toHaveText('stored');
    await expect(page.getByText('Only administrators may change them.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
  });

  test('a role change shows in the open window without signing in again', async ({ page }) => {
    const as = { TRIAD_USER: ADMIN.username, TRIAD_PASSWORD: ADMIN.password, TRIAD_HOME: temp.home };
    expect((await runTriad(['users', 'add', 'rita', '--role', 'analyst'], { ...as, TRIAD_NEW_PASSWORD: 'reading-rita-3' })).code).toBe(0);
    await openAndSignIn(page, 'rita', 'reading-rita-3');
    await page.getByRole('link', { name: 'Governance' }).click();
    await expect(page.getByText('Your role (analyst) may not see them.', { exact: false })).toBeVisible();

    // Promoted elsewhere: the next page change asks the core again.
    expect((await runTriad(['users', 'role', 'rita', 'reviewer'], as)).code).toBe(0);
    await page.getByRole('link', { name: 'Traces' }).click();
    await expect(page.getByRole('button', { name: /rita/ })).toContainText('reviewer');
    await page.getByRole('link', { name: 'Governance' }).click();
    await expect(page.getByTestId('user-row').first()).toBeVisible();

    // Demoted while looking at the page: the core's refusal brings the UI in line.
    expect((await runTriad(['users', 'role', 'rita', 'analyst'], as)).code).toBe(0);
    await page.getByRole('radiogroup', { name: 'View' }).getByText('Audit log').click();
    await expect(page.getByRole('button', { name: /rita/ })).toContainText('analyst');
    await expect(page.getByText('Your role (analyst) may not see them.', { exact: false })).toBeVisible();
    // An analyst keeps only their own tokens and the (read-only) settings.
    await expect(page.getByRole('radiogroup', { name: 'View' }).getByRole('radio')).toHaveCount(2);
    await expect(page.getByRole('radiogroup', { name: 'View' }).getByText('Audit log')).toHaveCount(0);
  });
});
