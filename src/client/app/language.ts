import { effect } from '@preact/signals';
import { getMeta, setMeta } from '../db/meta';
import { isLanguage, language, setLanguage } from '../ui/i18n';

/** Loads the saved language, then keeps `<html lang>` and the saved choice in step with it. */
export async function startLanguage(): Promise<void> {
  const saved = await getMeta('language').catch(() => undefined);
  if (isLanguage(saved)) await setLanguage(saved).catch(() => undefined);
  let first = true;
  effect(() => {
    const current = language.value;
    document.documentElement.lang = current;
    if (!first) void setMeta('language', current).catch(() => undefined);
    first = false;
  });
}
