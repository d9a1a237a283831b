export const DEFAULT_IDLE_LOCK_MINUTES = 5;

/** The idle time before the app locks: the organization's policy (from `/api/me`), else 5 minutes. */
export function idleLockMs(policyMinutes?: number | null): number {
  return (policyMinutes ?? DEFAULT_IDLE_LOCK_MINUTES) * 60_000;
}

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'input'] as const;
const CHECK_EVERY_MS = 5_000;

/**
 * Calls `onIdle` once nobody has touched the app for `idleMs`. Time in the background counts:
 * a phone put away unlocked is locked when it comes back. Returns the stop function.
 */
export function watchIdle(idleMs: number, onIdle: () => void): () => void {
  let lastActivity = Date.now();
  const touch = () => {
    lastActivity = Date.now();
  };
  const check = () => {
    if (Date.now() - lastActivity >= idleMs) {
      stop();
      onIdle();
    }
  };
  for (const event of ACTIVITY) window.addEventListener(event, touch, { passive: true });
  document.addEventListener('visibilitychange', check);
  const timer = setInterval(check, Math.min(CHECK_EVERY_MS, idleMs));
  function stop() {
    for (const event of ACTIVITY) window.removeEventListener(event, touch);
    document.removeEventListener('visibilitychange', check);
    clearInterval(timer);
  }
  return stop;
}
