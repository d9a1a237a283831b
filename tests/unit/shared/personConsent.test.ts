import { describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '../../../src/shared/model/person';
import { validatePatch } from '../../../src/shared/sync/validate';

const USER_ID = '01930000-0000-7000-8000-0000000000b1';

/** The check the server runs on every pushed person patch (docs/architecture.md §5, step 4). */
const issuesOf = (patch: Record<string, unknown>) =>
  validatePatch('person', patch).map((issue) => issue.path);

describe('PDPA notice and consent on a person (docs/domain.md §5.2–3)', () => {
  it('accepts the notice version, time and user, and a dated consent', () => {
    expect(
      issuesOf({
        privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
        privacyNoticeAt: '2025-11-03T03:15:00.000Z',
        privacyNoticeBy: USER_ID,
        sensitiveDataConsent: 'withdrawn',
        sensitiveDataConsentAt: '2025-11-03T10:16:00+07:00',
      }),
    ).toEqual([]);
  });

  it('refuses an unknown consent, an undated-looking time and a user that is not an id', () => {
    expect(
      issuesOf({
        sensitiveDataConsent: 'maybe',
        sensitiveDataConsentAt: '3 พ.ย. 2568',
        privacyNoticeBy: 'สมชาย',
      }).sort(),
    ).toEqual(['privacyNoticeBy', 'sensitiveDataConsent', 'sensitiveDataConsentAt']);
  });

  it('lets a patch clear the consent (null), like any optional field', () => {
    expect(issuesOf({ sensitiveDataConsent: null, sensitiveDataConsentAt: null })).toEqual([]);
  });
});
