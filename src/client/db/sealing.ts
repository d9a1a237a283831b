import Dexie, { type DBCore, type DBCoreCursor, type DBCoreTable, type Middleware } from 'dexie';
import { isClearAtRest } from '../../shared/model/sensitive';
import type { FieldCipher, SealingBatch } from '../security/fieldCipher';
import type { Sealing, TambonDatabase } from './database';

/**
 * Encryption at rest of the sensitive parts of rows (docs/architecture.md §4), as a Dexie DBCore
 * middleware: every write through Dexie is sealed before it reaches IndexedDB and every read is
 * opened, so no feature can forget it. Sealed parts sit in the row as `{ $sealed: bytes }`
 * (a whole value) or as a `$sealed` key beside the few fields a record keeps clear
 * (`CLEAR_AT_REST_FIELDS`: an allow-list, so a field added later is sealed by default). Indexed
 * properties (ids, type, village, counters) stay clear; no index covers a sealed field.
 *
 * `cipher()` returns the unlocked user's cipher; it throws when locked, so nothing is ever
 * written in plain text or read half-open.
 */
export type CipherSource = () => FieldCipher;

const SEALED = '$sealed';
type Row = Record<string, unknown>;

/** What sealing a row needs: the cipher's (or a batch's) `seal`, `open` for a row sealed in part. */
type Sealer = Pick<FieldCipher, 'seal' | 'open'>;

interface RowSealer {
  seal(row: Row, cipher: Sealer): Row;
  open(row: Row, cipher: FieldCipher): Row;
}

/** How each table's rows are sealed; tables not listed (blobs, orphans' keys…) hold nothing to seal. */
const SEALERS: Record<string, RowSealer> = {
  records: fieldsOf('fields'),
  pending: fieldsOf('fields'),
  outbox: fieldsOf('patch'),
  acked: fieldsOf('patch'),
  quarantined: nested('mutation', fieldsOf('patch')),
  conflicts: wholeValues(['winner', 'loser']),
  orphans: wholeValues(['payload']),
  drafts: wholeValues(['values']),
  deviceEvents: wholeValues(['details']),
  // Only the session row: its token would let a thief pull everyone's data from the server.
  meta: onlyWhen((row) => row.key === 'session', wholeValues(['value'])),
};

/** What a user's `TambonDatabase` is opened with: `new TambonDatabase(name, { sealing: sealingWith(cipher) })`. */
export function sealingWith(cipher: CipherSource): Sealing {
  return { cipher, middleware: sealingMiddleware(cipher) };
}

/**
 * `rows` of `table` sealed ahead through WebCrypto (`FieldCipher.sealingBatch`), as the
 * middleware would seal them, for many rows written at once (a pulled page): done before the
 * transaction, while the previous page is being written, and native instead of the
 * middleware's AES in JavaScript. A put of the rows returned is not sealed again (nothing in
 * them is left to seal). Rows unchanged when the database is not sealed.
 */
export async function sealAhead<T extends object>(
  cipher: CipherSource | null,
  table: string,
  rows: readonly T[],
): Promise<T[]> {
  const sealer = SEALERS[table];
  if (!cipher || !sealer || rows.length === 0) return [...rows];
  const key = cipher();
  const batch: SealingBatch = key.sealingBatch();
  const batchSealer: Sealer = {
    seal: (value) => batch.seal(value),
    open: (bytes) => key.open(bytes),
  };
  const sealed = rows.map((row) => (isRow(row) ? (sealer.seal(row, batchSealer) as T) : row));
  await batch.sealed();
  return sealed;
}

/** Which rows `readOpenedAhead` reads: `range` of the primary key, or of `index` when named. */
export interface AheadRead {
  range: IDBKeyRange;
  index?: string;
  limit?: number;
}

/**
 * Rows of `table` (`getAll(range, limit)`, on `index` when named) read straight from IndexedDB
 * and opened through WebCrypto (`FieldCipher.openMany`: native AES, mostly off the main thread)
 * instead of one by one by the middleware's AES in JavaScript: for many rows read outside any
 * transaction (a push batch, a village's records for a list). Reading only: every write still
 * goes through the middleware. Not seen by a live query: its caller reads what makes it run again.
 */
export async function readOpenedAhead<T>(
  database: TambonDatabase,
  table: string,
  { range, index, limit }: AheadRead,
): Promise<T[]> {
  // Locked: refused before anything is read.
  const key = database.cipher?.() ?? null;
  if (!database.isOpen()) {
    // A database closed on purpose (at lock) stays closed, as Dexie keeps it.
    if (database.hasBeenClosed()) throw new Dexie.DatabaseClosedError();
    await database.open();
  }
  const rows = await new Promise<unknown[]>((resolve, reject) => {
    const store = database.backendDB().transaction(table, 'readonly').objectStore(table);
    const request = (index ? store.index(index) : store).getAll(range, limit);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const sealer = SEALERS[table];
  if (!key || !sealer) return rows as T[];
  // Twice through the rows: the sealed values found first, opened all at once, then put in.
  const found: Uint8Array[] = [];
  const finding: FieldCipher = {
    ...key,
    open: (sealed) => {
      found.push(sealed);
      return {};
    },
  };
  for (const row of rows) if (isRow(row)) sealer.open(row, finding);
  const opened = await key.openMany(found);
  let next = 0;
  const placing: FieldCipher = { ...key, open: () => opened[next++] };
  return rows.map((row) => (isRow(row) ? sealer.open(row, placing) : row)) as T[];
}

function sealingMiddleware(cipher: CipherSource): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'sealing',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        const sealer = SEALERS[name];
        return sealer ? sealedTable(table, sealer, cipher) : table;
      },
    }),
  };
}

function sealedTable(table: DBCoreTable, sealer: RowSealer, cipher: CipherSource): DBCoreTable {
  const open = (row: unknown) => (isRow(row) ? sealer.open(row, cipher()) : row);
  return {
    ...table,
    mutate: (request) => {
      if (request.type !== 'add' && request.type !== 'put') return table.mutate(request);
      const key = cipher();
      const values = request.values.map((row) => (isRow(row) ? sealer.seal(row, key) : row));
      // A `changeSpec` would let Dexie's cache patch its (sealed) copy with plain values.
      const {
        changeSpec: _spec,
        updates: _updates,
        ...rest
      } = request as typeof request & {
        changeSpec?: unknown;
        updates?: unknown;
      };
      return table.mutate({ ...rest, values } as typeof request);
    },
    get: async (request) => open(await table.get(request)),
    getMany: async (request) => (await table.getMany(request)).map(open),
    query: async (request) => {
      const response = await table.query(request);
      return request.values ? { ...response, result: response.result.map(open) } : response;
    },
    openCursor: async (request) => {
      const cursor = await table.openCursor(request);
      return cursor && request.values !== false ? openingCursor(cursor, open) : cursor;
    },
  };
}

/**
 * A cursor whose `value` is opened once per position. The cursor is a native IDBCursor: its
 * `key` and `primaryKey` getters throw "Illegal invocation" when read through another object,
 * so they are forwarded, as Dexie's own virtual-index cursor does.
 */
function openingCursor(cursor: DBCoreCursor, open: (row: unknown) => unknown): DBCoreCursor {
  let source: unknown;
  let opened: unknown;
  return Object.create(cursor, {
    key: { get: () => cursor.key },
    primaryKey: { get: () => cursor.primaryKey },
    value: {
      get() {
        if (cursor.value !== source) {
          source = cursor.value;
          opened = open(source);
        }
        return opened;
      },
    },
  });
}

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !ArrayBuffer.isView(value);
}

/** A record's (or mutation's) fields inside `property`, all sealed but its type's clear ones. */
function fieldsOf(property: string): RowSealer {
  return {
    seal(row, cipher) {
      const fields = row[property];
      if (!isRow(fields)) return row;
      const type = String(row.type);
      const picked: Row = {};
      const clear: Row = {};
      for (const [name, value] of Object.entries(fields)) {
        if (name === SEALED) continue;
        if (isClearAtRest(type, name)) clear[name] = value;
        else picked[name] = value;
      }
      // Already sealed (`sealAhead`), or nothing to seal: stored as it is.
      if (Object.keys(picked).length === 0) return row;
      // Sealed in part: what is sealed already is kept, the new values over it.
      const before =
        fields[SEALED] instanceof Uint8Array ? (cipher.open(fields[SEALED]) as Row) : {};
      return { ...row, [property]: { ...clear, [SEALED]: cipher.seal({ ...before, ...picked }) } };
    },
    open(row, cipher) {
      const fields = row[property];
      if (!isRow(fields) || !(fields[SEALED] instanceof Uint8Array)) return row;
      const { [SEALED]: sealed, ...clear } = fields;
      return { ...row, [property]: { ...clear, ...(cipher.open(sealed as Uint8Array) as Row) } };
    },
  };
}

function nested(property: string, inner: RowSealer): RowSealer {
  return {
    seal: (row, cipher) =>
      isRow(row[property]) ? { ...row, [property]: inner.seal(row[property] as Row, cipher) } : row,
    open: (row, cipher) =>
      isRow(row[property]) ? { ...row, [property]: inner.open(row[property] as Row, cipher) } : row,
  };
}

/** Whole properties sealed as one value each (drafts as typed, conflict values, orphans). */
function wholeValues(properties: readonly string[]): RowSealer {
  return {
    seal(row, cipher) {
      const sealed = { ...row };
      for (const property of properties) {
        if (row[property] !== undefined && !isSealedValue(row[property])) {
          sealed[property] = { [SEALED]: cipher.seal(row[property]) };
        }
      }
      return sealed;
    },
    open(row, cipher) {
      const opened = { ...row };
      for (const property of properties) {
        const value = row[property];
        if (isSealedValue(value)) opened[property] = cipher.open(value[SEALED]);
      }
      return opened;
    },
  };
}

function onlyWhen(applies: (row: Row) => boolean, sealer: RowSealer): RowSealer {
  return {
    seal: (row, cipher) => (applies(row) ? sealer.seal(row, cipher) : row),
    open: (row, cipher) => (applies(row) ? sealer.open(row, cipher) : row),
  };
}

function isSealedValue(value: unknown): value is { [SEALED]: Uint8Array } {
  return isRow(value) && value[SEALED] instanceof Uint8Array;
}
