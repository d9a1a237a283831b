import './styles/fonts.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/survey.css';
import './styles/households.css';
import './styles/cases.css';
import './styles/caseForms.css';
import './styles/reports.css';
import './styles/search.css';
import './styles/privacy.css';
import { effect } from '@preact/signals';
import { render } from 'preact';
import { App } from './app/App';
import { startLanguage } from './app/language';
import { api, lockNow, refreshProfile, session } from './app/session';
import { registerServiceWorker } from './app/update';
import { requireUnlockedDatabase } from './db/database';
import { deviceLock, startDeviceLock } from './security/deviceLock';
import { idleLockMs, watchIdle } from './security/idleLock';
import { startDeviceSync, stopDeviceSync } from './sync/deviceSync';
import { watchOnline } from './sync/online';
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
  watchOnline(() => void refreshProfile());
  void refreshProfile();
  effect(() => {
    if (session.value) void startDeviceSync(api);
    else stopDeviceSync();
  });
  effect(() => {
    if (deviceLock.value.state !== 'unlocked') return;
    return watchIdle(idleLockMs(), () => lockNow('idle'));
  });
  registerServiceWorker();
}

void start();
