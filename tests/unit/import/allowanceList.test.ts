import { describe, expect, it } from 'vitest';
import { guessMapping } from '../../../src/shared/import/headers';
import { planImport } from '../../../src/shared/import/plan';
import { generateAllowanceList } from './allowanceList';

describe('a 2,000-row allowance list: 50 repeats, 20 bad rows, 10 duplicate rows', () => {
  const list = generateAllowanceList({ rows: 2000, repeats: 50, bad: 20, duplicates: 10 });
  const mapping = guessMapping(list.sheet, 'allowances');
  const plan = planImport(list.sheet, mapping, list.context);

  it('finds the header below the two title rows and every column', () => {
    expect(mapping.headerRow).toBe(2);
    expect(mapping.columns).toEqual([
      null,
      'title',
      'firstName',
      'lastName',
      'nationalId',
      'birthDate',
      'houseNo',
      'mooNo',
      'programCode',
      'monthlyAmountTHB',
    ]);
    expect(plan.missingFields).toEqual([]);
  });

  it('counts exactly what the list holds', () => {
    expect(plan.counts).toEqual({
      rows: 2000,
      create: 1920,
      update: 25,
      unchanged: 25,
      matched: 50,
      'likely-match': 0,
      duplicate: 10,
      bad: 20,
    });
  });

  it('plans one household per house, a person and an enrollment per new row', () => {
    const writes = plan.batches.flatMap((b) => b.writes);
    const of = (op: string, type: string) => writes.filter((w) => w.op === op && w.type === type);
    expect(of('create', 'household')).toHaveLength(list.newHouses);
    expect(of('create', 'person')).toHaveLength(1920);
    expect(of('create', 'programEnrollment')).toHaveLength(1920 + 25);
    expect(of('patch', 'person')).toHaveLength(0);
    expect(plan.batches.filter((b) => b.newHousehold)).toHaveLength(list.newHouses);
    // Each new household's batch starts with its household and holds its own people.
    for (const batch of plan.batches.filter((b) => b.newHousehold)) {
      expect(batch.writes[0]).toMatchObject({
        op: 'create',
        type: 'household',
        id: batch.householdId,
      });
      for (const write of batch.writes.filter((w) => w.type === 'person'))
        expect(write.fields.householdId).toBe(batch.householdId);
      expect(new Set(batch.writes.map((w) => w.villageId))).toEqual(new Set([batch.villageId]));
    }
  });

  it('matches the repeats to the tambon’s people, enrolling only those not enrolled', () => {
    const byRow = new Map(plan.rows.map((r) => [r.row, r]));
    const people = list.context.people ?? [];
    list.repeatRows.forEach((row, n) => {
      const outcome = byRow.get(row);
      expect(outcome?.recordId).toBe(people[n]?.id);
      expect(outcome?.action).toBe(list.enrolledRepeatRows.includes(row) ? 'unchanged' : 'update');
    });
  });

  it('reports each bad row with its row, column and reason', () => {
    const bad = plan.rows.filter((r) => r.action === 'bad');
    expect(bad.map((r) => r.row)).toEqual(list.badRows.map((b) => b.row));
    for (const [i, outcome] of bad.entries()) {
      const expected = list.badRows[i];
      expect(outcome.errors.map((e) => e.code)).toEqual([expected?.code]);
      expect(outcome.errors[0]?.row).toBe(expected?.row);
      expect(outcome.errors[0]?.column).not.toBeNull();
    }
  });

  it('reports each duplicate row with the row it repeats, and writes it once', () => {
    const duplicates = plan.rows.filter((r) => r.action === 'duplicate');
    expect(duplicates.map((r) => r.row)).toEqual(list.duplicateRows);
    for (const outcome of duplicates) {
      expect(outcome.duplicateOf).toBeLessThan(outcome.row);
      expect(outcome.errors).toEqual([
        {
          row: outcome.row,
          column: 4,
          field: 'nationalId',
          code: 'duplicate_in_file',
          params: { row: outcome.duplicateOf },
        },
      ]);
    }
    const writtenRows = new Set(plan.batches.flatMap((b) => b.writes.map((w) => w.row)));
    for (const row of list.duplicateRows) expect(writtenRows.has(row)).toBe(false);
  });

  it('every planned record passes the server’s check of its type', async () => {
    const { validatePatch } = await import('../../../src/shared/sync/validate');
    for (const write of plan.batches.flatMap((b) => b.writes))
      expect(validatePatch(write.type, write.fields)).toEqual([]);
  });
});

describe('planning 5,000 rows', () => {
  it('prints how long reading, mapping and planning take (no assertion on time)', () => {
    const list = generateAllowanceList({ rows: 5000, repeats: 100, bad: 50, duplicates: 25 });
    const started = performance.now();
    const mapping = guessMapping(list.sheet, 'allowances');
    const plan = planImport(list.sheet, mapping, list.context);
    const ms = performance.now() - started;
    console.log(`import plan of 5,000 rows: ${ms.toFixed(0)} ms`);
    expect(plan.counts.rows).toBe(5000);
    expect(plan.counts.create).toBe(5000 - 100 - 50 - 25);
  });
});
