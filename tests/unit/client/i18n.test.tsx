// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLanguage } from '../../../src/client/app/language';
import { en } from '../../../src/client/app/messages.en';
import { th } from '../../../src/client/app/messages.th';
import { getDeviceSetting, setDeviceSetting } from '../../../src/client/security/accounts';
import { isMessageKey, language, setLanguage, t } from '../../../src/client/ui/i18n';
import type { Dictionary, MessageKey } from '../../../src/client/ui/i18n/dictionary';
import { ERROR_CODES } from '../../../src/shared/api/errors';
import { resetDatabase } from './helpers';

// Type level: a translation missing a key does not compile.
// @ts-expect-error 'app.name' and every other key are missing
const incomplete: Dictionary = { 'nav.home': 'Home' };
void incomplete;
// @ts-expect-error a parameter the Thai message does not have
t('home.greeting', { nobody: 'x' });
// @ts-expect-error a message with parameters needs them
t('home.greeting');

function params(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

afterEach(() => {
  cleanup();
  setLanguage('th');
});

describe('dictionaries', () => {
  it('English has exactly the Thai keys, each non-empty, with the same parameters', () => {
    const thKeys = Object.keys(th).sort();
    expect(Object.keys(en).sort()).toEqual(thKeys);
    for (const key of thKeys as MessageKey[]) {
      expect(en[key].trim(), key).not.toBe('');
      expect(params(en[key]), key).toEqual(params(th[key]));
    }
  });

  it('has a Thai message for every API error code and for offline', () => {
    for (const code of [...ERROR_CODES, 'offline', 'unreachable']) {
      expect(isMessageKey(`error.${code}`), code).toBe(true);
    }
    expect(th['error.offline']).toMatch(/^ไม่มีสัญญาณอินเทอร์เน็ต/);
  });

  it('fills parameters', async () => {
    expect(t('home.greeting', { name: 'สมชาย' })).toBe('สวัสดี คุณสมชาย');
    await setLanguage('en');
    expect(t('home.greeting', { name: 'Somchai' })).toBe('Hello, Somchai');
  });
});

describe('switching language', () => {
  function Greeting() {
    return <p data-testid="greeting">{t('nav.settings')}</p>;
  }

  it('re-renders components that use t()', async () => {
    render(<Greeting />);
    expect(screen.getByTestId('greeting').textContent).toBe('ตั้งค่า');
    await act(() => setLanguage('en'));
    expect(screen.getByTestId('greeting').textContent).toBe('Settings');
  });

  beforeEach(async () => {
    await resetDatabase();
  });

  it('sets <html lang> and keeps the choice in the device registry, readable while locked', async () => {
    await startLanguage();
    expect(document.documentElement.lang).toBe('th');
    await setLanguage('en');
    expect(document.documentElement.lang).toBe('en');
    await expect.poll(() => getDeviceSetting('language')).toBe('en');
    expect(language.value).toBe('en');
  });

  it('starts in the language saved on this browser, before anyone unlocks', async () => {
    await setDeviceSetting('language', 'en');
    await startLanguage();
    expect(language.value).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });
});
