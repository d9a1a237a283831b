/** What other features may use of administration: its server API (e.g. the user list). */
export { adminApi } from './adminApi';
