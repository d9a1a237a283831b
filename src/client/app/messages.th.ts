import { thFirstLoad } from './firstLoadMessages.th';
import { thScreens } from './screenMessages.th';

/**
 * Thai is the source of every user-visible string: its keys define `MessageKey`, and
 * `messages.en.ts` must have exactly the same keys. `{name}` marks a parameter of `t()`. The app
 * loads the two halves apart (`messages.ts`); this whole is for types and tests.
 */
export const th = { ...thFirstLoad, ...thScreens } as const;
