import { thCore } from './thCore';
import { thScreens } from './thScreens';

/**
 * Thai is the source of every user-visible string: its keys define `MessageKey`, and `en.ts`
 * must have exactly the same keys. `{name}` marks a parameter of `t()`. The app loads the two
 * halves apart (`index.ts`); this whole is for types and tests.
 */
export const th = { ...thCore, ...thScreens } as const;
