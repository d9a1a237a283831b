import './styles/fonts.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './features/households/forms/survey.css';
import './features/households/households.css';
import './features/cases/cases.css';
import './features/cases/forms/caseForms.css';
import './features/reports/reports.css';
import './features/admin/privacy.css';
import { effect } from '@preact/signals';
import { render } from 'preact';
import { api } from './api/authenticated';
import { watchOnline } from './api/online';
import { App } from './app/App';
import './app/messages';
import { startLanguage } from './app/language';
import { registerServiceWorker } from './app/update';
import { appVersion, buildId } from './app/version';
import { requireUnlockedDatabase } from './db/database';
import { deviceLock, startDeviceLock } from './security/deviceLock';
import { idleLockMs, watchIdle } from './security/idleLock';
import { lockNow, onSessionEnd } from './session/end';
import { refreshProfile } from './session/profile';
import { profile, session } from './session/state';
import { deviceSync, startDeviceSync, stopDeviceSync } from './sync/deviceSync';
import { guardUnsavedInputOnUnload } from './ui/unsaved';

async function start(): Promise<void> {
  // Nothing is read before a user unlocks their own database with their PIN or password.
  requireUnlockedDatabase();
  // Without IndexedDB (e.g. a locked-down browser) the app still starts, signed out.
  await Promise.all([startLanguage(), startDeviceLock().catch(() => undefined)]);
  const root = document.getElementById('app');
  if (!root) throw new Error('#app is missing from index.html');
  root.replaceChildren();
  render(<App />, root);
  guardUnsavedInputOnUnload();
  connectSessionToSync();
  watchOnline(() => void refreshProfile());
  void refreshProfile();
  effect(() => {
    if (deviceLock.value.state !== 'unlocked') return;
    const policy = profile.peek()?.devicePolicy?.idleLockMinutes;
    return watchIdle(idleLockMs(policy), () => lockNow('idle'));
  });
  registerServiceWorker();
}

/**
 * Sync runs from the moment a session starts until it ends (lock, user switch, logout, expiry,
 * wipe); a remote wipe first hands in what was never synced.
 */
function connectSessionToSync(): void {
  onSessionEnd({
    beforeWipe: async () => deviceSync.value?.engine.push(),
    ended: stopDeviceSync,
  });
  // The token is rotated after successful syncs (tokenRotation.ts, a chunk of its own).
  deviceSync.subscribe((scheduler) => {
    if (scheduler)
      void import('./api/tokenRotation').then((m) => m.rotateAfterSyncs(scheduler.engine));
  });
  effect(() => {
    if (session.value) void startDeviceSync(api, { appVersion, buildId });
  });
}

void start();
