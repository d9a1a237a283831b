/** What other features may use of the sync screen: the badge a record page shows for an open conflict. */
export { ConflictBadge } from './ConflictBadge';
