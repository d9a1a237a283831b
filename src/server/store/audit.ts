// The audit log: server events, device events (recorded once per event id) and the viewer's
// filtered reads.
import { sql } from 'kysely';
import { uuidv7 } from '../../shared/ids';
import { type Db, likeLiteral } from './executor';

export interface NewAuditEntry {
  at: string;
  userId: string | null;
  action: string;
  target?: string | null;
  details?: unknown;
  ip?: string | null;
}

/** A device's audit event, recorded once per `eventId`. */
export interface NewDeviceAuditEntry extends NewAuditEntry {
  eventId: string;
}

/** What the audit viewer filters on (see `AuditFilter` in src/shared/api/admin.ts). */
export interface AuditListQuery {
  userId?: string | undefined;
  /** Actions starting with this. */
  action?: string | undefined;
  target?: string | undefined;
  /** Inclusive ISO timestamps. */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  before?: string | undefined;
}

export interface AuditRecord {
  id: string;
  at: string;
  userId: string | null;
  username: string | null;
  action: string;
  target: string | null;
  details: unknown;
  ip: string | null;
}

function toAuditRow(entry: NewAuditEntry) {
  return {
    id: uuidv7(Date.parse(entry.at)),
    at: entry.at,
    user_id: entry.userId,
    action: entry.action,
    target: entry.target ?? null,
    details: entry.details === undefined ? null : JSON.stringify(entry.details),
    ip: entry.ip ?? null,
  };
}

async function appendAudit(db: Db, entry: NewAuditEntry): Promise<void> {
  await db.insertInto('audit_log').values(toAuditRow(entry)).execute();
}

/** Inserts the events not recorded before; returns the event ids that are stored now. */
async function appendDeviceAudit(db: Db, entries: NewDeviceAuditEntry[]): Promise<Set<string>> {
  const ids = entries.map((e) => e.eventId);
  if (ids.length === 0) return new Set();
  await db
    .insertInto('audit_log')
    .values(entries.map((entry) => ({ ...toAuditRow(entry), event_id: entry.eventId })))
    .onConflict((oc) => oc.column('event_id').doNothing())
    .execute();
  const stored = await db
    .selectFrom('audit_log')
    .select('event_id')
    .where('event_id', 'in', ids)
    .execute();
  return new Set(stored.flatMap((row) => (row.event_id ? [row.event_id] : [])));
}

/** Newest first. */
async function listAudit(db: Db, query: AuditListQuery): Promise<AuditRecord[]> {
  let select = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.user_id',
      'users.username',
      'audit_log.action',
      'audit_log.target',
      'audit_log.details',
      'audit_log.ip',
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(query.limit);
  if (query.before) select = select.where('audit_log.id', '<', query.before);
  if (query.userId) select = select.where('audit_log.user_id', '=', query.userId);
  if (query.action) {
    select = select.where(
      sql<boolean>`audit_log.action like ${`${likeLiteral(query.action)}%`} escape '\\'`,
    );
  }
  if (query.target) select = select.where('audit_log.target', '=', query.target);
  if (query.from) select = select.where('audit_log.at', '>=', query.from);
  if (query.to) select = select.where('audit_log.at', '<=', query.to);
  const rows = await select.execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    userId: row.user_id,
    username: row.username,
    action: row.action,
    target: row.target,
    details: row.details === null ? null : JSON.parse(row.details),
    ip: row.ip,
  }));
}

export const auditQueries = { appendAudit, appendDeviceAudit, listAudit };
