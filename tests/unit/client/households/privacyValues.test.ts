import { describe, expect, it } from 'vitest';
import {
  consentValues,
  noticeValues,
} from '../../../../src/client/features/households/forms/personForm';
import { consentOptions } from '../../../../src/client/privacy/personPrivacy';
import { PRIVACY_NOTICE_VERSION } from '../../../../src/shared/model/person';

const NOW = '2025-11-03T03:15:00.000Z';
const USER = '01930000-0000-7000-8000-0000000000b1';
const NONE = { privacyNoticeVersion: '', privacyNoticeAt: '', privacyNoticeBy: '' };

describe('the notice checkbox', () => {
  it('records the current version, now and the user when ticked', () => {
    expect(noticeValues(true, NONE, USER, NOW)).toEqual({
      privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
      privacyNoticeAt: NOW,
      privacyNoticeBy: USER,
    });
  });

  it('puts back an older notice when unticked, and keeps a current one as it was', () => {
    const old = { privacyNoticeVersion: '0', privacyNoticeAt: '2024-01-01', privacyNoticeBy: USER };
    expect(noticeValues(false, old, USER, NOW)).toEqual(old);
    const current = { ...old, privacyNoticeVersion: PRIVACY_NOTICE_VERSION };
    expect(noticeValues(true, current, 'someone-else', NOW)).toEqual(current);
  });
});

describe('the consent answer', () => {
  const stored = { sensitiveDataConsent: 'given', sensitiveDataConsentAt: '2025-01-01T00:00:00Z' };

  it('is dated now when it changes, keeps its date when set back, and has none when cleared', () => {
    expect(consentValues('withdrawn', stored, NOW)).toEqual({
      sensitiveDataConsent: 'withdrawn',
      sensitiveDataConsentAt: NOW,
    });
    expect(consentValues('given', stored, NOW)).toEqual(stored);
    expect(consentValues('', stored, NOW)).toEqual({
      sensitiveDataConsent: '',
      sensitiveDataConsentAt: '',
    });
  });

  it('may be withdrawn only once given', () => {
    expect(consentOptions(undefined)).toEqual(['given', 'refused']);
    expect(consentOptions('refused')).toEqual(['given', 'refused']);
    expect(consentOptions('given')).toEqual(['given', 'refused', 'withdrawn']);
  });
});
