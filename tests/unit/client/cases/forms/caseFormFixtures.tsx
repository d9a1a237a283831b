import { render, screen } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { LocationProvider, Route, Router } from 'preact-iso';
import { ApiError } from '../../../../../src/client/api/http';
import { db } from '../../../../../src/client/db/database';
import { openCaseChanges } from '../../../../../src/client/features/cases/caseChanges';
import { profile, session } from '../../../../../src/client/session/state';
import { saveChanges, startDeviceSync } from '../../../../../src/client/sync/deviceSync';
import { uuidv7 } from '../../../../../src/shared/ids';
import type { WelfareCaseFields } from '../../../../../src/shared/model/welfare';
import { LOGIN_OK, ME_OK, resetDatabase, SURVEYOR, VILLAGES } from '../../helpers';

export const VILLAGE = VILLAGES[0] as (typeof VILLAGES)[number];

/** A welfare officer of both villages. */
export const WELFARE_OFFICER = {
  ...SURVEYOR,
  id: '01930000-0000-7000-8000-0000000000c1',
  username: 'welfare1',
  name: 'สมหญิง รักดี',
  role: 'welfare' as const,
};

/** A signed-in welfare officer on an empty device that is offline (nothing leaves it). */
export async function welfareDevice(): Promise<void> {
  await resetDatabase();
  history.replaceState(null, '', '/');
  session.value = { ...LOGIN_OK, user: WELFARE_OFFICER };
  profile.value = {
    ...ME_OK,
    user: { ...WELFARE_OFFICER, disabled: false },
    fetchedAt: '2025-10-01T03:00:00.000Z',
  };
  await startDeviceSync(() => Promise.reject(new ApiError(0, 'offline', 'offline')), {
    appVersion: 'test',
    buildId: 'test',
  });
}

/** The page at `url`, routed as the app routes it (query and params come from the URL). */
export function renderAt(url: string, path: string, page: () => ComponentChildren) {
  history.replaceState(null, '', url);
  return render(
    <LocationProvider>
      <Router>
        <Route path={path} component={page} />
        <Route default component={() => <p data-testid="elsewhere">elsewhere</p>} />
      </Router>
    </LocationProvider>,
  );
}

/** A case saved as the intake saves it; returns its id. */
export async function seedCase(
  fields: Partial<WelfareCaseFields> = {},
  villageId: string = VILLAGE.id,
): Promise<string> {
  const caseId = uuidv7();
  const now = new Date().toISOString();
  await saveChanges(
    openCaseChanges(
      villageId,
      {
        category: 'elderly-care',
        channel: 'walk-in',
        description: 'ขอรับการเยี่ยมบ้าน',
        priority: 'normal',
        receivedAt: now,
        ...fields,
      },
      now,
      caseId,
    ),
  );
  return caseId;
}

/** What the device queued for the server, oldest first. */
export async function queued() {
  return db().outbox.orderBy('n').toArray();
}

export async function formReady(prefix: 'case' | 'visit' | 'assistance'): Promise<void> {
  await screen.findByTestId(`${prefix}-save`);
}
