import type { adminNoticesTh } from './noticeMessages.th';

export const adminNoticesEn: { readonly [K in keyof typeof adminNoticesTh]: string } = {
  'home.backupStale':
    'No backup checked by a test restore in the last 2 days. See Administration › Backups',
};
