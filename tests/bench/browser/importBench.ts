// The import bench of issue 15, in the bench page: a 5,000-row office list (.xlsx) read,
// checked and previewed by the import screen's own worker (`workerRunner`), against a device
// that holds the whole tambon, as the screen does before it asks the server.
import type { ExistingRecords } from '../../../src/client/features/import/existing';
import type { PreviewPlan } from '../../../src/client/features/import/importJob';
import { workerRunner } from '../../../src/client/features/import/runner';
import { villagePeopleTable, xlsxBlob } from '../../../src/client/features/reports/public';
import { type ReportCell, tableCsv } from '../../../src/client/features/reports/xlsx';
import { generateTambon } from '../../../src/server/demo/generator';
import { guessMapping } from '../../../src/shared/import';
import type { Village } from '../../../src/shared/model/organization';

const SURVEYOR = '01930000-0000-7000-8000-0000000000b1';
const VILLAGES = Array.from({ length: 10 }, (_, i) => ({
  id: `01930000-0000-7000-8000-0000000002${String(i).padStart(2, '0')}`,
  mooNo: i + 1,
  name: `บ้านทดสอบ ${i + 1}`,
})) as unknown as Village[];

let prepared: {
  existing: ExistingRecords;
  xlsx: Blob;
  csv: Blob;
  rows: number;
} | null = null;

export interface ImportRun {
  /** File bytes to the preview: read (worker), then the dry run (worker), wall time. */
  totalMs: number;
  readMs: number;
  planMs: number;
  /** The longest the page's main thread went without running a 10 ms timer meanwhile. */
  longestStallMs: number;
  progressEvents: number;
  counts: PreviewPlan['counts'];
}

/** Measures one preview of `file`: a fresh worker, as the screen starts one. */
async function preview(file: Blob): Promise<ImportRun> {
  if (!prepared) throw new Error('prepareImport first');
  const { existing } = prepared;
  let last = performance.now();
  let longestStallMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestStallMs = Math.max(longestStallMs, now - last - 10);
    last = now;
  }, 10);
  const runner = workerRunner();
  try {
    let progressEvents = 0;
    const start = performance.now();
    const sheet = await runner.read(file);
    const read = performance.now();
    const mapping = guessMapping(sheet.rows, 'people');
    const plan = await runner.plan(
      sheet.rows,
      mapping,
      {
        today: '2026-12-05',
        importedBy: SURVEYOR,
        villages: VILLAGES.map(({ id, mooNo }) => ({ id, mooNo })),
        ...existing,
      },
      () => progressEvents++,
    );
    const end = performance.now();
    return {
      totalMs: end - start,
      readMs: read - start,
      planMs: end - read,
      longestStallMs,
      progressEvents,
      counts: plan.counts,
    };
  } finally {
    clearInterval(ticker);
    runner.close();
  }
}

export const importApi = {
  /**
   * The device's tambon (`households` + `people`, existing records) and a list of `rows`
   * people: half of them people of the tambon, half new ones, as an office's list mixes them.
   * Not timed.
   */
  async prepareImport(options: { households: number; people: number; rows: number; seed: number }) {
    const homes = generateTambon({
      seed: options.seed,
      households: options.households,
      people: options.people,
      villages: VILLAGES,
      surveyorId: SURVEYOR,
    });
    const newHomes = generateTambon({
      seed: options.seed + 1,
      households: Math.ceil(options.rows / 8),
      people: Math.ceil(options.rows / 2) + 100,
      villages: VILLAGES,
      surveyorId: SURVEYOR,
      firstHouseNumber: 9_000_000,
      idBaseMs: Date.UTC(2026, 0, 1),
    });
    const record = <F>(r: { id: string; villageId: string; fields: F }) => ({
      id: r.id,
      villageId: r.villageId,
      fields: r.fields as Partial<F>,
    });
    const existing: ExistingRecords = {
      households: homes.map((home) => record(home.household)),
      people: homes.flatMap((home) => home.members.map(record)) as ExistingRecords['people'],
      enrollments: [],
    };
    const half = Math.floor(options.rows / 2);
    const listed = (source: typeof homes, count: number) => {
      const households = source.map((home) => record(home.household));
      const people = source.flatMap((home) => home.members.map(record));
      const rows: (readonly ReportCell[])[] = [];
      for (const village of VILLAGES)
        rows.push(...villagePeopleTable(village, households, people as never, []).rows);
      return rows.slice(0, count);
    };
    const table = villagePeopleTable(VILLAGES[0] as Village, [], [], ['ทะเบียนประชากร (ชุดทดสอบ)']);
    const rows = [...listed(homes, half), ...listed(newHomes, options.rows - half)];
    const file = { ...table, rows };
    prepared = {
      existing,
      xlsx: await xlsxBlob(file, 'ประชากร'),
      csv: new Blob([tableCsv(file)], { type: 'text/csv' }),
      rows: rows.length,
    };
    return {
      rows: rows.length,
      xlsxBytes: prepared.xlsx.size,
      csvBytes: prepared.csv.size,
      existingPeople: existing.people.length,
      existingHouseholds: existing.households.length,
    };
  },

  /** One timed preview of the prepared list, as `.xlsx` or as CSV. */
  async previewImport(format: 'xlsx' | 'csv'): Promise<ImportRun> {
    if (!prepared) throw new Error('prepareImport first');
    return preview(format === 'xlsx' ? prepared.xlsx : prepared.csv);
  },
};
