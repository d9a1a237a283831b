import { registerMessages } from '../ui/i18n';
import { thFirstLoad } from './firstLoadMessages.th';
import type { th } from './messages.th';

/**
 * The one dictionary, built from the kit's words (`ui/i18n/core.*`) and each feature's
 * `messages.*` files. The kit cannot import features, so the app hands it the first-load Thai
 * and the loaders of the rest; importing this module does it.
 */
registerMessages({
  thaiFirstLoad: thFirstLoad,
  loadThaiScreens: async () => (await import('./screenMessages.th')).thScreens,
  loadEnglish: async () => (await import('./messages.en')).en,
});

declare module '../ui/i18n/dictionary' {
  /** The Thai source whose keys and `{params}` type every `t()` call. */
  interface MessageSource {
    th: typeof th;
  }
}
