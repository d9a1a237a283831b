import { useState } from 'preact/hooks';
import { errorMessage } from './errors';

export interface Action<Task extends string = string> {
  /** Whether a task is running (its button shows busy, the others wait). */
  busy: boolean;
  /** Which task is running, when a screen has more than one button. */
  running: Task | null;
  /** Why the last task failed, in words; null while none failed. */
  error: string | null;
  /** A message of the caller's own (e.g. a check before the request); null clears it. */
  setError: (message: string | null) => void;
  /**
   * Runs `task`: busy while it runs, the error cleared before and set from what it throws.
   * Resolves to whether it succeeded (it never rejects).
   */
  submit: (task: () => Promise<unknown>, name?: Task) => Promise<boolean>;
}

/**
 * The busy / error / submit of a button or a small form that does one thing at a time (a save,
 * a sign-in, a server call). `describeError` turns a failure into the message to show.
 */
export function useAction<Task extends string = string>(
  describeError: (failure: unknown) => string = errorMessage,
): Action<Task> {
  const [running, setRunning] = useState<Task | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (task: () => Promise<unknown>, name?: Task) => {
    setBusy(true);
    setRunning(name ?? null);
    setError(null);
    try {
      await task();
      return true;
    } catch (failure) {
      setError(describeError(failure));
      return false;
    } finally {
      setBusy(false);
      setRunning(null);
    }
  };
  return { busy, running, error, setError, submit };
}
