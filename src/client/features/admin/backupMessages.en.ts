import type { backupsTh } from './backupMessages.th';

export const backupsEn: { readonly [K in keyof typeof backupsTh]: string } = {
  'backups.lead':
    'The server backs itself up every night, then restores each backup into a scratch database to check that it works.',
  'backups.notScheduled': 'This server takes no scheduled backups (--backup-keep 0). Turn them on.',
  'backups.stale': 'No backup checked by a test restore in the last 2 days',
  'backups.lastGood': 'Last good backup: {date}',
  'backups.takenAt': 'Taken',
  'backups.size': 'Size',
  'backups.records': 'Records',
  'backups.check': 'Restore check',
  'backups.verified': 'Checked, restorable',
  'backups.failed': 'Check failed, not restorable',
  'backups.empty': 'No backups yet',
  'backups.howToRestore':
    'To restore: stop the server, then run npm start -- restore <backup file> on it. The current database is kept aside.',
};
