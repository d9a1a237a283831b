import { ErrorBoundary, LocationProvider, lazy, Route, Router, useRoute } from 'preact-iso';
import { HomePage } from '../features/home/HomePage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { t } from '../ui/i18n';
import { LoginScreen } from './LoginScreen';
import { Forbidden, NotFound } from './NotFound';
import { mayReadAdmin, session } from './session';
import { TopBar } from './TopBar';
import { UpdateBanner } from './UpdateBanner';
import { appVersion, buildId } from './version';

/** Admin screens are a separate chunk: most users never open them. */
const AdminPage = lazy(() => import('../features/admin/AdminPage'));
const SyncPage = lazy(() => import('../features/sync/SyncPage'));

function AdminRoute() {
  const { params } = useRoute();
  if (!mayReadAdmin.value) return <Forbidden />;
  return <AdminPage section={params.section} />;
}

function Footer() {
  return (
    <footer class="footer">
      <span data-testid="app-version">{t('app.version', { version: appVersion, buildId })}</span>
    </footer>
  );
}

function Shell() {
  return (
    <div class="shell">
      <TopBar />
      <main class="page" id="main">
        <ErrorBoundary>
          <Router>
            <Route path="/" component={HomePage} />
            <Route path="/settings" component={SettingsPage} />
            <Route path="/sync" component={SyncPage} />
            <Route path="/admin/:section?" component={AdminRoute} />
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </main>
    </div>
  );
}

/** Routes: / home, /settings, /admin/(users|villages|devices), anything else 404. */
export function App() {
  return (
    <LocationProvider>
      <UpdateBanner />
      {session.value ? <Shell /> : <LoginScreen />}
      <Footer />
    </LocationProvider>
  );
}
