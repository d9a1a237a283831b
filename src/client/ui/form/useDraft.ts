import { useEffect, useRef, useState } from 'preact/hooks';
import { type DraftRow, db } from '../../db/database';
import { currentUser } from '../../session/state';

/** A draft is written this long after the last change (and at once when the page is hidden). */
export const DRAFT_DELAY_MS = 300;

export interface DraftOptions<V> {
  /** The form and its record, e.g. `person:new:<householdId>`; null: no drafts (yet). */
  formKey: string | null;
  values: V;
  /** Only input that differs from the record is kept; back to unchanged deletes the draft. */
  isDirty: boolean;
  /** Puts a stored draft's values back into the form (called once, after mounting). */
  restore: (values: V) => void;
}

export interface Draft {
  /** False until a stored draft was looked for (and restored): show the form only then. */
  loaded: boolean;
  /** When the restored draft was last written (ISO), or null when none was restored. */
  restoredAt: string | null;
  /** Deletes the draft: after a save, or when the user discards it. */
  remove: () => Promise<void>;
}

/** `${userId}|${formKey}`: another user of the device never sees this user's drafts. */
export function draftKey(userId: string, formKey: string): string {
  return `${userId}|${formKey}`;
}

/**
 * Keeps a form's unsaved input in the `drafts` table, so it survives a reload, a crash or a dead
 * battery: written 300 ms after each change, and at once when the page is hidden, left
 * (`pagehide`) or the form unmounts. On mount, a stored draft is handed to `restore`.
 */
export function useDraft<V>({ formKey, values, isDirty, restore }: DraftOptions<V>): Draft {
  const userId = currentUser.value?.id ?? null;
  const key = userId && formKey ? draftKey(userId, formKey) : null;
  const [loadedKey, setLoadedKey] = useState<string | null>(null);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  /** The latest render's input: written when the page is hidden or the form unmounts. */
  const latest = useRef({ key, userId, formKey, values, isDirty, loaded: false });
  latest.current = { key, userId, formKey, values, isDirty, loaded: loadedKey === key };
  /**
   * JSON of the values that need no write: what the table holds, or what was just saved or
   * discarded (null: nothing). A write happens only when the input differs from it.
   */
  const settled = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const restoreRef = useRef(restore);
  restoreRef.current = restore;

  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  const inputJson = () => (latest.current.isDirty ? JSON.stringify(latest.current.values) : null);
  /** Writes the latest input now (or deletes the draft when nothing differs any more). */
  const writeNow = () => {
    cancel();
    const { key, userId, formKey, values, loaded } = latest.current;
    const json = inputJson();
    if (!key || !userId || !formKey || !loaded || json === settled.current) return;
    settled.current = json;
    void (json === null
      ? deleteDraft(key)
      : saveDraft({ key, userId, form: formKey, values, updatedAt: new Date().toISOString() }));
  };

  // Load once per form: restore what was left, then start keeping changes.
  useEffect(() => {
    if (!key) return;
    let cancelled = false;
    void loadDraft(key).then((row) => {
      if (cancelled) return;
      settled.current = row ? JSON.stringify(row.values) : null;
      if (row) {
        restoreRef.current(row.values as V);
        setRestoredAt(row.updatedAt);
      }
      setLoadedKey(key);
    });
    return () => {
      cancelled = true;
    };
  }, [key]);

  // Typing is written after a short pause; any other change (a photo taken, a box ticked) at
  // once: it is often the last thing done before the app is closed, and a write started
  // while the page is being torn down may never finish.
  const previous = useRef(values);
  useEffect(() => {
    const typed = isTyping(previous.current, values);
    previous.current = values;
    if (loadedKey !== key || inputJson() === settled.current) return;
    cancel();
    if (typed) timer.current = setTimeout(writeNow, DRAFT_DELAY_MS);
    else writeNow();
  }, [key, loadedKey, values, isDirty]);

  // At once when the page may be about to die, and when the form goes (another route).
  useEffect(() => {
    const onHidden = () => {
      if (document.visibilityState === 'hidden') writeNow();
    };
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', writeNow);
    return () => {
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', writeNow);
      writeNow();
    };
  }, []);

  const remove = async () => {
    cancel();
    settled.current = inputJson(); // saved or discarded: not a draft any more
    setRestoredAt(null);
    if (key) await deleteDraft(key);
  };

  return { loaded: key === null || loadedKey === key, restoredAt, remove };
}

/** Whether every value that changed is text on both sides (a keystroke, not a pick). */
export function isTyping<V>(before: V, after: V): boolean {
  if (typeof before !== 'object' || typeof after !== 'object' || !before || !after) return false;
  const was = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  return Object.keys({ ...was, ...now }).every(
    (name) =>
      (typeof was[name] === 'string' && typeof now[name] === 'string') ||
      JSON.stringify(was[name]) === JSON.stringify(now[name]),
  );
}

async function loadDraft(key: string): Promise<DraftRow | undefined> {
  try {
    return await db().drafts.get(key);
  } catch {
    return undefined; // No drafts without IndexedDB: the form still works.
  }
}

async function saveDraft(row: DraftRow): Promise<void> {
  try {
    await db().drafts.put(row);
  } catch {
    // A full disk (QuotaExceededError) loses only the draft, never the form's input on screen.
  }
}

async function deleteDraft(key: string): Promise<void> {
  try {
    await db().drafts.delete(key);
  } catch {
    // Nothing to do: a stale draft is offered once more and can be discarded.
  }
}
