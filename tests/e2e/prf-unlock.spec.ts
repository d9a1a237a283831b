import { expect, type Page, test } from '@playwright/test';
import { DEMO_PASSWORD, waitForServiceWorkerControl } from './support/app';
import { readStore } from './support/disk';

// Issue 12: where the browser has a platform authenticator with the WebAuthn PRF extension, the
// phone's own screen lock is the daily key and no PIN-wrapped copy of the data key is stored.

interface StoredAccount {
  username: string;
  pinKey: unknown;
  platformKey?: { credentialId: unknown; wrapped: unknown } | null;
  passwordKey: unknown;
}

async function storedAccount(page: Page, username: string): Promise<StoredAccount | undefined> {
  const accounts = (await readStore(page, 'tambon-field-accounts', 'accounts')) as StoredAccount[];
  return accounts.find((account) => account.username === username);
}

test('set up with the phone’s screen lock (virtual PRF authenticator): reload, unlock with it; no PIN-wrapped key is stored', async ({
  page,
  context,
}) => {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      hasPrf: true,
    },
  });

  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await page.getByTestId('login-username').fill('surveyor3');
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('platform-use').click();
  await expect(page.getByTestId('current-user')).toContainText('surveyor3');

  const account = await storedAccount(page, 'surveyor3');
  expect(account?.platformKey?.wrapped).toBeDefined();
  expect(account?.passwordKey).toBeDefined(); // recovery by password stays
  expect(account?.pinKey).toBeNull();
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(1);

  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-protection')).toHaveAttribute(
    'data-protection',
    'platform',
  );
  await expect(page.getByTestId('settings-pin-only')).toHaveCount(0);

  // A reload locks; the screen lock opens it, and no PIN is asked or stored.
  await page.reload();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await expect(page.getByTestId('pin-input')).toHaveCount(0);
  await page.getByTestId('platform-unlock-button').click();
  await expect(page.getByTestId('current-user')).toContainText('surveyor3');
  const after = await storedAccount(page, 'surveyor3');
  expect(after?.pinKey).toBeNull();
  expect(after?.platformKey?.wrapped).toBeDefined();

  // The phone's authenticator gone (reset, or a copied profile elsewhere): the password still
  // opens the data, offline too.
  await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
  await page.reload();
  await context.setOffline(true);
  await page.getByTestId('lock-use-password').click();
  await page.getByTestId('lock-password').fill(DEMO_PASSWORD);
  await page.getByTestId('lock-password-submit').click();
  await expect(page.getByTestId('current-user')).toContainText('surveyor3');
});

test('without a platform authenticator the PIN stays, and Settings says the device is protected by PIN only', async ({
  page,
}) => {
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await page.getByTestId('login-username').fill('surveyor2');
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('pin-setup')).toBeVisible();
  await expect(page.getByTestId('platform-use')).toHaveCount(0);
  await page.getByTestId('pin-new').fill('246810');
  await page.getByTestId('pin-confirm').fill('246810');
  await page.getByTestId('pin-save').click();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-protection')).toHaveAttribute(
    'data-protection',
    'pin-only',
  );
  await expect(page.getByTestId('settings-pin-only')).toBeVisible();
});
