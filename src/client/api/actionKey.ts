import { uuidv7 } from '../../shared/ids';

/**
 * The `Idempotency-Key` of one user action that writes (an import's confirmation): the same
 * while the same thing is sent again — after a timeout or an error, when the server may have
 * written it already — and a new one once it went through or what is sent changed, so a
 * deliberate second import (after an undo) runs again.
 */
export interface ActionKey {
  /** The key for sending `what` (compared with `Object.is`: pass a string or the same object). */
  of(what: unknown): string;
  /** The action went through: the next one gets a new key. */
  done(): void;
}

export function actionKey(): ActionKey {
  let current: { what: unknown; key: string } | null = null;
  return {
    of(what) {
      if (!current || !Object.is(current.what, what)) current = { what, key: uuidv7() };
      return current.key;
    },
    done() {
      current = null;
    },
  };
}
