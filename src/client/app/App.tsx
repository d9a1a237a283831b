import type { ComponentType } from 'preact';
import { ErrorBoundary, LocationProvider, lazy, Route, Router, useRoute } from 'preact-iso';
import { HomePage } from '../features/home/HomePage';
import { deviceLock } from '../security/deviceLock';
import { mayReadAdmin } from '../session/roles';
import { session } from '../session/state';
import { loadScreenMessages, t } from '../ui/i18n';
import { LockScreen } from './LockScreen';
import { LoginScreen } from './LoginScreen';
import { Forbidden, NotFound } from './NotFound';
import { TopBar } from './TopBar';
import { UpdateBanner } from './UpdateBanner';
import { appVersion, buildId } from './version';

/** A lazy screen that renders once its chunk and the screens' messages are both here. */
function screen<T extends ComponentType<never>>(load: () => Promise<{ default: T }>) {
  return lazy(() => Promise.all([load(), loadScreenMessages()]).then(([module]) => module.default));
}

/** Admin screens are a separate chunk: most users never open them. */
const AdminPage = screen(() => import('../features/admin/AdminPage'));
const SyncPage = screen(() => import('../features/sync/SyncPage'));
const SettingsPage = screen(() => import('../features/settings/SettingsPage'));
/** Shown once per user and device (and after a forgotten PIN): not part of the first load. */
const PinSetup = screen(() => import('./PinSetup'));
/** The survey screens: one chunk each, loaded on first visit and then precached offline. */
const HouseholdListPage = screen(() => import('../features/households/HouseholdListPage'));
const HouseholdPage = screen(() => import('../features/households/HouseholdPage'));
const PersonPage = screen(() => import('../features/households/PersonPage'));
const PeopleSearchPage = screen(() => import('../features/search/PeopleSearchPage'));
const HouseholdFormPage = screen(() => import('../features/households/forms/HouseholdFormPage'));
const PersonFormPage = screen(() => import('../features/households/forms/PersonFormPage'));
/** The welfare screens: cases and their forms, "my work", and the office lists. */
const MyWorkPage = screen(() => import('../features/cases/MyWorkPage'));
const CaseListPage = screen(() => import('../features/cases/CaseListPage'));
const CasePage = screen(() => import('../features/cases/CasePage'));
const CaseIntakePage = screen(() => import('../features/cases/forms/CaseIntakePage'));
const VisitFormPage = screen(() => import('../features/cases/forms/VisitFormPage'));
const AssistanceFormPage = screen(() => import('../features/cases/forms/AssistanceFormPage'));
const ReportsPage = screen(() => import('../features/reports/ReportsPage'));
const EligibilityPage = screen(() => import('../features/reports/EligibilityPage'));
/** The map (Leaflet and its CSS): its own chunk, loaded on first visit. */
const MapPage = screen(() => import('../features/map/MapPage'));
/** Importing the office's spreadsheets (admins and supervisors): its own chunk and worker. */
const ImportPage = screen(() => import('../features/import/ImportPage'));

function AdminRoute() {
  const { params } = useRoute();
  if (!mayReadAdmin.value) return <Forbidden />;
  return <AdminPage section={params.section} />;
}

function ImportRoute() {
  if (!mayReadAdmin.value) return <Forbidden />;
  return <ImportPage />;
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
            <Route path="/search" component={PeopleSearchPage} />
            <Route path="/map" component={MapPage} />
            <Route path="/villages/:villageId" component={HouseholdListPage} />
            <Route path="/villages/:villageId/households/new" component={HouseholdFormPage} />
            <Route path="/households/:householdId" component={HouseholdPage} />
            <Route path="/households/:householdId/edit" component={HouseholdFormPage} />
            <Route path="/households/:householdId/members/new" component={PersonFormPage} />
            <Route path="/people/:personId" component={PersonPage} />
            <Route path="/people/:personId/edit" component={PersonFormPage} />
            <Route path="/work" component={MyWorkPage} />
            <Route path="/cases" component={CaseListPage} />
            <Route path="/cases/new" component={CaseIntakePage} />
            <Route path="/cases/:caseId" component={CasePage} />
            <Route path="/cases/:caseId/visits/new" component={VisitFormPage} />
            <Route path="/cases/:caseId/assistance/new" component={AssistanceFormPage} />
            <Route path="/reports" component={ReportsPage} />
            <Route path="/eligibility" component={EligibilityPage} />
            <Route path="/import" component={ImportRoute} />
            <Route path="/admin/:section?" component={AdminRoute} />
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </main>
    </div>
  );
}

/** A locked device shows only its lock; the user's screens exist only while unlocked. */
function Screen() {
  const lock = deviceLock.value;
  if (lock.state === 'locked') return <LockScreen account={lock.account} reason={lock.reason} />;
  if (lock.state === 'set-pin') return <PinSetup />;
  if (lock.state === 'unlocked' && session.value) return <Shell />;
  return <LoginScreen />;
}

/**
 * Routes: / home, /search, /map (…?household=<id> links it to a parcel), /villages/:villageId (households, …/households/new),
 * /households/:householdId (…/edit, …/members/new), /people/:personId (…/edit), /sync,
 * /work, /cases (…/new, …/:caseId, …/:caseId/visits/new, …/:caseId/assistance/new), /reports,
 * /eligibility, /import, /settings, /admin/(users|villages|devices), anything else 404.
 */
export function App() {
  return (
    <LocationProvider>
      <UpdateBanner />
      <ErrorBoundary>
        <Screen />
      </ErrorBoundary>
      <Footer />
    </LocationProvider>
  );
}
