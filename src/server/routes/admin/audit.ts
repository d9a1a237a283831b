// The audit viewer (admins, `canReadAudit`): GET /api/admin/audit (filters, pages), GET
// /api/admin/audit.csv (the same filters, every matching line; itself audited), and a record's
// field history, GET /api/admin/records/:id/history (admins and supervisors, their villages).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type AuditEntry,
  AuditFilter,
  AuditQuery,
  AuditResponse,
  type HistoryEntry,
  RecordHistoryResponse,
} from '../../../shared/api/admin';
import { auditActionWordTh } from '../../../shared/api/auditActions';
import { csvCell } from '../../../shared/csv';
import { shownFieldValue } from '../../../shared/model/masking';
import { Uuid } from '../../../shared/model/organization';
import { canReadAudit, type RoleName } from '../../../shared/model/roles';
import type { RecordType } from '../../../shared/sync/protocol';
import { recordAudit } from '../../audit';
import type { RouteOptions } from '../../context';
import { notFound } from '../../errors';
import { requireAuth } from '../../plugins/auth';
import type { AuditListQuery, FieldHistoryEntry, Store } from '../../store';

/** Thai dates are Bangkok days (UTC+7, no daylight saving). */
const BANGKOK = '+07:00';
/** The CSV is read from the database this many lines at a time. */
const CSV_PAGE = 1000;
/** A download larger than this is cut (the last line says so): narrow the filters. */
export const AUDIT_CSV_MAX_ROWS = 100_000;

/** A date `from` starts at the Bangkok midnight; a date `to` ends at the next one. */
export function auditRange(filter: AuditFilter): Pick<AuditListQuery, 'from' | 'to'> {
  const bound = (value: string | undefined, endOfDay: boolean) => {
    if (!value) return undefined;
    const time = /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}${BANGKOK}`
      : value;
    return new Date(time).toISOString();
  };
  return { from: bound(filter.from, false), to: bound(filter.to, true) };
}

function listQuery(filter: AuditFilter, limit: number, before?: string): AuditListQuery {
  return {
    userId: filter.userId,
    action: filter.action,
    target: filter.target,
    ...auditRange(filter),
    limit,
    before,
  };
}

export const auditRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/',
    {
      onRequest: ctx.auth.requireRole(canReadAudit),
      schema: { querystring: AuditQuery, response: { 200: AuditResponse } },
    },
    async (request) => {
      const { limit, before } = request.query;
      const entries = await ctx.store.listAudit(listQuery(request.query, limit, before));
      const last = entries.at(-1);
      return { entries, nextBefore: entries.length === limit && last ? last.id : null };
    },
  );
};

/** `GET /api/admin/audit.csv`, registered beside `/audit` (the path has no slash before `.csv`). */
export const auditCsvRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/audit.csv',
    {
      onRequest: ctx.auth.requireRole(canReadAudit),
      schema: { querystring: AuditFilter },
    },
    async (request, reply) => {
      const at = ctx.clock().toISOString();
      const entries = await allAuditEntries(ctx.store, request.query);
      await recordAudit(ctx.store, request, {
        action: 'audit.export',
        at,
        details: { filter: request.query, rows: entries.length },
      });
      const day = at.slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${day}.csv"`)
        .header('cache-control', 'no-store')
        .send(auditCsv(entries));
    },
  );
};

async function allAuditEntries(store: Store, filter: AuditFilter): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let before: string | undefined;
  while (entries.length < AUDIT_CSV_MAX_ROWS) {
    const page = await store.listAudit(listQuery(filter, CSV_PAGE, before));
    entries.push(...page);
    if (page.length < CSV_PAGE) break;
    before = page.at(-1)?.id;
  }
  return entries.slice(0, AUDIT_CSV_MAX_ROWS);
}

const CSV_COLUMNS = [
  'at',
  'username',
  'userId',
  'actionWords',
  'action',
  'target',
  'ip',
  'details',
] as const;
/** The header row in Thai, the office's language, column for column. */
const CSV_HEADERS: Record<(typeof CSV_COLUMNS)[number], string> = {
  at: 'เวลา (เวลาประเทศไทย พ.ศ.)',
  username: 'ชื่อผู้ใช้',
  userId: 'รหัสผู้ใช้',
  actionWords: 'การกระทำ',
  action: 'รหัสการกระทำ',
  target: 'เป้าหมาย',
  ip: 'ที่อยู่ IP',
  details: 'รายละเอียด',
};

/** `05/12/2569 13:05:09`: Bangkok time (UTC+7 all year) with the Buddhist-era year. */
export function bangkokCsvTime(iso: string): string {
  const time = new Date(Date.parse(iso) + 7 * 3600_000);
  if (Number.isNaN(time.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${two(time.getUTCDate())}/${two(time.getUTCMonth() + 1)}/${time.getUTCFullYear() + 543}`;
  return `${date} ${two(time.getUTCHours())}:${two(time.getUTCMinutes())}:${two(time.getUTCSeconds())}`;
}

/**
 * UTF-8 with a byte-order mark, so Excel opens Thai correctly; CRLF lines; every cell quoted,
 * and a cell that a spreadsheet would run as a formula neutralized (`src/shared/csv.ts`).
 */
export function auditCsv(entries: AuditEntry[]): string {
  const cell = (value: unknown) =>
    csvCell(
      value === null || value === undefined || typeof value === 'string'
        ? value
        : JSON.stringify(value),
      'always',
    );
  const lines = [
    CSV_COLUMNS.map((column) => CSV_HEADERS[column]).join(','),
    ...entries.map((entry) => CSV_COLUMNS.map((column) => cell(csvValue(entry, column))).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function csvValue(entry: AuditEntry, column: (typeof CSV_COLUMNS)[number]): unknown {
  if (column === 'at') return bangkokCsvTime(entry.at);
  if (column === 'actionWords') return auditActionWordTh(entry.action);
  return entry[column];
}

const RecordParams = z.object({ id: Uuid });

/**
 * Who changed which field of a record, when. Sensitive values only for roles that see them
 * (`seesSensitiveValues`); national IDs masked unless `seesFullNationalId`. The record must be
 * in one of the reader's villages (SQL), else 404.
 */
export const recordHistoryRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/:id/history',
    { schema: { params: RecordParams, response: { 200: RecordHistoryResponse } } },
    async (request) => {
      const { user } = requireAuth(request);
      const record = await ctx.store.visibleRecord(user.id, request.params.id);
      if (!record) throw notFound('Record');
      const trail = await ctx.store.fieldHistory(record.id);
      return {
        recordId: record.id,
        type: record.type,
        villageId: record.villageId,
        entries: await historyForRole(ctx.store, record.type, trail, user.role),
      };
    },
  );
};

export async function historyForRole(
  store: Store,
  type: RecordType,
  trail: FieldHistoryEntry[],
  role: RoleName,
): Promise<HistoryEntry[]> {
  const names = new Map((await store.listUsers()).map((u) => [u.id, u.username]));
  return trail.map((entry) => ({
    field: entry.field,
    value: shownFieldValue(role, type, entry.field, entry.value),
    at: entry.at,
    hlc: entry.hlc,
    byUser: entry.byUser,
    username: names.get(entry.byUser) ?? null,
    clientId: entry.clientId,
    seq: entry.seq,
    outcome: entry.outcome,
  }));
}
