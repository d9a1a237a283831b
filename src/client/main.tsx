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
import { effect } from '@preact/signals';
import { render } from 'preact';
import { App } from './app/App';
import { startLanguage } from './app/language';
import { api, refreshProfile, restoreSession, session } from './app/session';
import { registerServiceWorker } from './app/update';
import { startDeviceSync, stopDeviceSync } from './sync/deviceSync';
import { watchOnline } from './sync/online';
import { guardUnsavedInputOnUnload } from './ui/unsaved';

async function start(): Promise<void> {
  // Without IndexedDB (e.g. a locked-down browser) the app still starts, signed out.
  await Promise.all([startLanguage(), restoreSession().catch(() => undefined)]);
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
  registerServiceWorker();
}

void start();
