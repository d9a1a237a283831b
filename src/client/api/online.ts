import { signal } from '@preact/signals';

/** What the browser knows about the network. `false` is certain; `true` only means "maybe". */
export const online = signal(typeof navigator === 'undefined' ? true : navigator.onLine);

/** Follows the browser's online/offline events; `onBackOnline` runs on each return online. */
export function watchOnline(onBackOnline: () => void): () => void {
  const update = () => {
    const wasOnline = online.value;
    online.value = navigator.onLine;
    if (online.value && !wasOnline) onBackOnline();
  };
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  return () => {
    window.removeEventListener('online', update);
    window.removeEventListener('offline', update);
  };
}
