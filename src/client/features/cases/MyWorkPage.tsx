import { bangkokDate } from '../../../shared/rules/thaiDate';
import { db, type TambonDatabase } from '../../db/database';
import { currentUser, profile } from '../../session/state';
import { LinkButton } from '../../ui/Button';
import { t } from '../../ui/i18n';
import { useLiveQuery } from '../../ui/useLiveQuery';
import { CaseSection } from './CaseRow';
import {
  type Beneficiary,
  type CaseView,
  type FollowUps,
  followUps,
  isOpenCase,
  listCases,
  loadBeneficiaries,
} from './caseRecords';

interface MyWork {
  followUps: FollowUps;
  assigned: CaseView[];
  openCount: number;
  beneficiaries: Map<string, Beneficiary>;
}

async function loadMyWork(
  database: TambonDatabase,
  villageIds: readonly string[],
  userId: string | undefined,
  today: string,
): Promise<MyWork> {
  const open = (await listCases(database, villageIds)).filter(isOpenCase);
  const due = followUps(open, today);
  const assigned = open.filter((c) => userId !== undefined && c.fields.assignedTo === userId);
  const shown = [...new Set([...due.overdue, ...due.dueToday, ...due.upcoming, ...assigned])];
  return {
    followUps: due,
    assigned,
    openCount: open.length,
    beneficiaries: await loadBeneficiaries(database, shown),
  };
}

function Count({
  testId,
  count,
  label,
  tone,
}: {
  testId: string;
  count: number;
  label: string;
  tone?: string;
}) {
  return (
    <li
      class={tone ? `work-count work-count-${tone}` : 'work-count'}
      data-testid={testId}
      data-count={count}
    >
      <span class="work-count-number">{count}</span>
      <span class="work-count-label">{label}</span>
    </li>
  );
}

/** `/work`: the officer's day — follow-ups overdue, due today and this week, and their own cases. */
export default function MyWorkPage() {
  const user = currentUser.value;
  const villageIds = (profile.value?.villages ?? []).map((village) => village.id);
  const today = bangkokDate();
  const work = useLiveQuery(
    async () => loadMyWork(db(), villageIds, user?.id, today),
    [villageIds.join(), user?.id, today],
    null as MyWork | null,
  );
  if (!user) return null;
  return (
    <section class="page-section" data-testid="my-work">
      <h1>{t('cases.work.title')}</h1>
      {work === null ? (
        <p class="muted" role="status">
          {t('common.loading')}
        </p>
      ) : (
        <>
          <ul class="work-counts">
            <Count
              testId="work-count-overdue"
              count={work.followUps.overdue.length}
              label={t('cases.work.countOverdue')}
              tone="overdue"
            />
            <Count
              testId="work-count-due"
              count={work.followUps.dueToday.length}
              label={t('cases.work.countDue')}
              tone="due"
            />
            <Count
              testId="work-count-open"
              count={work.openCount}
              label={t('cases.work.countOpen')}
            />
          </ul>
          <CaseSection
            title={t('cases.work.overdue')}
            cases={work.followUps.overdue}
            beneficiaries={work.beneficiaries}
            testId="work-overdue"
            rowTestId={(id) => `followup-${id}`}
            tone="overdue"
          />
          <CaseSection
            title={t('cases.work.dueToday')}
            cases={work.followUps.dueToday}
            beneficiaries={work.beneficiaries}
            testId="work-due-today"
            rowTestId={(id) => `followup-${id}`}
            tone="due"
          />
          <CaseSection
            title={t('cases.work.upcoming')}
            cases={work.followUps.upcoming}
            beneficiaries={work.beneficiaries}
            testId="work-upcoming"
            rowTestId={(id) => `followup-${id}`}
          />
          <CaseSection
            title={t('cases.work.assigned')}
            cases={work.assigned}
            beneficiaries={work.beneficiaries}
            testId="work-assigned"
            rowTestId={(id) => `assigned-${id}`}
          />
          <div class="actions">
            <LinkButton href="/cases" testId="work-all-cases">
              {t('cases.work.allCases')}
            </LinkButton>
          </div>
        </>
      )}
    </section>
  );
}
