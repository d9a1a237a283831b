import { effect } from '@preact/signals';
import { getDeviceSetting, setDeviceSetting } from '../security/accounts';
import { isLanguage, language, setLanguage } from '../ui/i18n';

/** Loads the browser's saved language (readable while locked), then keeps `<html lang>` and the saved choice in step with it. */
export async function startLanguage(): Promise<void> {
  const saved = await getDeviceSetting('language').catch(() => undefined);
  if (isLanguage(saved)) await setLanguage(saved).catch(() => undefined);
  let first = true;
  effect(() => {
    const current = language.value;
    document.documentElement.lang = current;
    if (!first) void setDeviceSetting('language', current).catch(() => undefined);
    first = false;
  });
}
