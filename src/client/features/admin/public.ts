/** What other features may use of administration: its server API (e.g. the user list). */
export { adminApi } from './adminApi';
/** Admins' home-screen warning when the server has no recent good backup. */
export { BackupWarning } from './BackupWarning';
