import { ErrorBoundary, LocationProvider, lazy, Route, Router, useRoute } from 'preact-iso';
import { HomePage } from '../features/home/HomePage';
import { deviceLock } from '../security/deviceLock';
import { t } from '../ui/i18n';
import { LockScreen } from './LockScreen';
import { LoginScreen } from './LoginScreen';
import { Forbidden, NotFound } from './NotFound';
import { mayReadAdmin, session } from './session';
import { TopBar } from './TopBar';
import { UpdateBanner } from './UpdateBanner';
import { appVersion, buildId } from './version';

/** Admin screens are a separate chunk: most users never open them. */
const AdminPage = lazy(() => import('../features/admin/AdminPage'));
const SyncPage = lazy(() => import('../features/sync/SyncPage'));
const SettingsPage = lazy(() => import('../features/settings/SettingsPage'));
/** Shown once per user and device (and after a forgotten PIN): not part of the first load. */
const PinSetup = lazy(() => import('./PinSetup'));
/** The survey screens: one chunk each, loaded on first visit and then precached offline. */
const HouseholdListPage = lazy(() => import('../features/households/HouseholdListPage'));
const HouseholdPage = lazy(() => import('../features/households/HouseholdPage'));
const PersonPage = lazy(() => import('../features/households/PersonPage'));
const PeopleSearchPage = lazy(() => import('../features/households/PeopleSearchPage'));
const HouseholdFormPage = lazy(() => import('../features/households/forms/HouseholdFormPage'));
const PersonFormPage = lazy(() => import('../features/households/forms/PersonFormPage'));
/** The welfare screens: cases and their forms, "my work", and the office lists. */
const MyWorkPage = lazy(() => import('../features/cases/MyWorkPage'));
const CaseListPage = lazy(() => import('../features/cases/CaseListPage'));
const CasePage = lazy(() => import('../features/cases/CasePage'));
const CaseIntakePage = lazy(() => import('../features/cases/forms/CaseIntakePage'));
const VisitFormPage = lazy(() => import('../features/cases/forms/VisitFormPage'));
const AssistanceFormPage = lazy(() => import('../features/cases/forms/AssistanceFormPage'));
const ReportsPage = lazy(() => import('../features/reports/ReportsPage'));
const EligibilityPage = lazy(() => import('../features/reports/EligibilityPage'));

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
            <Route path="/search" component={PeopleSearchPage} />
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
 * Routes: / home, /search, /villages/:villageId (households, …/households/new),
 * /households/:householdId (…/edit, …/members/new), /people/:personId (…/edit), /sync,
 * /work, /cases (…/new, …/:caseId, …/:caseId/visits/new, …/:caseId/assistance/new), /reports,
 * /eligibility, /settings, /admin/(users|villages|devices), anything else 404.
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
