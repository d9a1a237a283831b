// Writing an office's list (docs/architecture.md §7: "Excel import … write them ≤ 10 s"): a
// 5,000-row allowance list (the unit tests' generator: new people, about three to a house) sent
// to the real POST /api/imports of `buildApp` in-process with `app.inject`, as a supervisor:
// JSON parsing and validation, the plan against the tambon's records, the push policy and the
// sync engine's write of every household batch, the imports row and the audit row are timed.
// Fresh database per run (a SQLite file or a random PostgreSQL schema, dropped afterwards).
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../../src/server/app';
import { createStore, dropPostgresSchema, type StoreConfig } from '../../src/server/store';
import { ImportResult } from '../../src/shared/api/imports';
import { guessMapping } from '../../src/shared/import/headers';
import { generateAllowanceList } from '../unit/import/allowanceList';
import { benchSession, benchUser, benchVillages } from './lib/organization';

/** Rows of the list the budget is about. */
export const IMPORT_ROWS = 5000;

export interface ImportRun {
  rows: number;
  /** Records written (households, people, enrollments). */
  records: number;
  bodyBytes: number;
  ms: number;
}

/** The request body, made once: the same list for every run. */
function importBody(): string {
  const list = generateAllowanceList({ rows: IMPORT_ROWS, repeats: 0, bad: 0, duplicates: 0 });
  return JSON.stringify({
    rows: list.sheet,
    mapping: guessMapping(list.sheet, 'allowances'),
    fileName: 'bench.xlsx',
  });
}

let body: string | undefined;

/** One run on a fresh, migrated store. */
export async function importRun(config: StoreConfig): Promise<ImportRun> {
  body ??= importBody();
  const store = await createStore(config);
  try {
    await store.migrate();
    const at = new Date().toISOString();
    await benchVillages(store, at);
    const user = await benchUser(
      store,
      { username: 'bench-supervisor', name: 'ทดสอบ นำเข้า', role: 'supervisor', villageIds: [] },
      at,
    );
    const { token } = await benchSession(store, user.id, 'bench', at);
    const app = await buildApp({ store, logger: false, appVersion: 'bench', rateLimit: false });
    try {
      const started = performance.now();
      const response = await app.inject({
        method: 'POST',
        url: '/api/imports',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: body,
      });
      const ms = performance.now() - started;
      if (response.statusCode !== 201) {
        throw new Error(`import answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
      }
      const result = ImportResult.parse(response.json());
      if (result.import.counts.create !== IMPORT_ROWS) {
        throw new Error(`import created ${result.import.counts.create} of ${IMPORT_ROWS} rows`);
      }
      return { rows: IMPORT_ROWS, records: result.import.records, bodyBytes: body.length, ms };
    } finally {
      await app.close();
    }
  } finally {
    await store.close();
  }
}

export async function sqliteImportRuns(tmpRoot: string, runs: number): Promise<ImportRun[]> {
  const results: ImportRun[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = join(tmpRoot, `import-sqlite-${i}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      results.push(await importRun({ kind: 'sqlite', file: join(dir, 'bench.sqlite') }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}

export async function postgresImportRuns(url: string, runs: number): Promise<ImportRun[]> {
  const results: ImportRun[] = [];
  for (let i = 0; i < runs; i++) {
    const schema = `bench_${randomBytes(6).toString('hex')}`;
    try {
      results.push(await importRun({ kind: 'postgres', url, schema }));
    } finally {
      await dropPostgresSchema(url, schema);
    }
  }
  return results;
}
