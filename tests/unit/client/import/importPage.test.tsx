// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ImportDeps, ImportScreen } from '../../../../src/client/features/import/ImportPage';
import type { ImportServer } from '../../../../src/client/features/import/importApi';
import type { PreviewPlan } from '../../../../src/client/features/import/importJob';
import { planRows } from '../../../../src/client/features/import/importJob';
import type { ImportRunner } from '../../../../src/client/features/import/runner';
import { toWireRows } from '../../../../src/client/features/import/wire';
import type { ImportPreview, ImportRequest } from '../../../../src/shared/api/imports';
import { parseCsv } from '../../../../src/shared/csv';
import type { Village } from '../../../../src/shared/model/organization';
import { nationalIdCheckDigit } from '../../../../src/shared/rules/nationalId';
import { VILLAGES } from '../helpers';

const VILLAGE = VILLAGES[0] as (typeof VILLAGES)[number];
const withCheck = (first12: string) => `${first12}${nationalIdCheckDigit(first12)}`;
const GOOD_ID = withCheck('345180999301');
const BAD_ID = `${GOOD_ID.slice(0, 12)}${(Number(GOOD_ID[12]) + 1) % 10}`;
const EXISTING_ID = '01930000-0000-7000-8000-0000000000e1';

/** An office list: a merged title row above the Thai header, as offices write them. */
const CSV = [
  'ทะเบียนประชากร อบต.ทดสอบ ปี 2569,,,,,,',
  'บ้านเลขที่,หมู่ที่,คำนำหน้า,ชื่อ,นามสกุล,เลขบัตรประชาชน,วันเกิด',
  `5/1,1,นาย,ทดสอบหนึ่ง,นำเข้าดี,${GOOD_ID},1/2/2500`,
  `5/1,1,นาง,ทดสอบสอง,นำเข้าผิด,${BAD_ID},3/4/2505`,
  '7,1,นาง,บุญเรือน,ซ้ำชื่อ,,9/3/2493',
].join('\r\n');

function fakeRunner(
  csv: string,
  hold?: { plan: (go: () => void, progress: (d: number, t: number) => void) => void },
) {
  return (): ImportRunner => ({
    read: async () => ({ rows: toWireRows(parseCsv(csv)) ?? [], format: 'csv', encoding: 'utf-8' }),
    plan: (rows, mapping, context, onProgress) =>
      new Promise<PreviewPlan>((resolve) => {
        const go = () => resolve(planRows(rows, mapping, context, onProgress));
        if (hold) hold.plan(go, onProgress);
        else go();
      }),
    close: () => {},
  });
}

function fakeServer(preview?: (plan: PreviewPlan) => ImportPreview): ImportServer & {
  commit: ReturnType<typeof vi.fn>;
} {
  let lastPlan: PreviewPlan | null = null;
  return {
    preview: vi.fn(async () => {
      if (!lastPlan) throw new Error('no plan');
      return preview ? preview(lastPlan) : { ...lastPlan, rows: lastPlan.rows };
    }),
    commit: vi.fn(async () => ({
      import: {
        id: '01930000-0000-7000-8000-0000000000f1',
        kind: 'people' as const,
        fileName: 'list.csv',
        createdBy: '01930000-0000-7000-8000-0000000000b9',
        createdAt: '2026-12-05T05:00:00.000Z',
        counts: lastPlan?.counts ?? ({} as never),
        records: 3,
        undoneAt: null,
        undoneBy: null,
      },
      preview: lastPlan as never,
    })),
    list: vi.fn(async () => []),
    undo: vi.fn(async () => ({ ok: true })),
    /** The page's own plan stands in for the server's in these tests. */
    set plan(plan: PreviewPlan) {
      lastPlan = plan;
    },
  } as never;
}

function deps(overrides: Partial<ImportDeps> & Pick<ImportDeps, 'runner' | 'server'>): ImportDeps {
  return {
    existing: async () => ({ people: [], households: [], enrollments: [] }),
    villages: VILLAGES as unknown as Village[],
    organization: 'อบต.ทดสอบ',
    userId: '01930000-0000-7000-8000-0000000000b9',
    today: '2026-12-05',
    canImport: true,
    ...overrides,
  };
}

/** Chooses a file on the page's file input. */
function chooseFile(name = 'list.csv') {
  const input = screen.getByTestId('import-file') as HTMLInputElement;
  const file = new File(['x'], name, { type: 'text/csv' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

/** The server preview the tests answer with: the client's plan, as the server would compute it. */
function serverLike(runnerCsv: string) {
  const server = fakeServer();
  const runner = fakeRunner(runnerCsv);
  return {
    server,
    runner: () => {
      const inner = runner();
      return {
        ...inner,
        plan: async (...args: Parameters<ImportRunner['plan']>) => {
          const plan = await inner.plan(...args);
          (server as unknown as { plan: PreviewPlan }).plan = plan;
          return plan;
        },
      };
    },
  };
}

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('the import screen', () => {
  it('guesses the columns from Thai headers below a title row, and remembers a correction per kind', async () => {
    const { server, runner } = serverLike(CSV);
    render(<ImportScreen deps={deps({ runner, server })} />);
    chooseFile();
    await screen.findByTestId('import-mapping');
    expect(screen.getByTestId('import-header-row')).toHaveProperty('value', '1');
    const field = (letter: string) =>
      (screen.getByTestId(`import-map-${letter}`) as HTMLSelectElement).value;
    expect(['A', 'B', 'C', 'D', 'E', 'F', 'G'].map(field)).toEqual([
      'houseNo',
      'mooNo',
      'title',
      'firstName',
      'lastName',
      'nationalId',
      'birthDate',
    ]);
    // Labels are Thai, never the field keys.
    const mapping = screen.getByTestId('import-mapping');
    expect(within(mapping).getAllByText('เลขประจำตัวประชาชน').length).toBeGreaterThan(0);
    expect(mapping.textContent).not.toContain('nationalId');

    // The user leaves the birth date out; the next file of this kind is mapped the same way.
    fireEvent.change(screen.getByTestId('import-map-G'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('import-check'));
    await screen.findByTestId('import-preview');
    cleanup();
    render(<ImportScreen deps={deps({ runner, server })} />);
    chooseFile();
    await screen.findByTestId('import-mapping');
    expect(field('G')).toBe('');
    expect(field('F')).toBe('nationalId');
  });

  it('says which required columns are missing, in Thai', async () => {
    const { server, runner } = serverLike('ชื่อ,นามสกุล\r\nสมชาย,ใจดี');
    render(<ImportScreen deps={deps({ runner, server })} />);
    chooseFile();
    const missing = await screen.findByTestId('import-missing');
    expect(missing.textContent).toContain('บ้านเลขที่');
    expect(missing.textContent).toContain('หมู่ที่');
  });

  it("shows the dry run's counts and each error in Thai with its row and column letter; nothing is sent to write", async () => {
    const { server, runner } = serverLike(CSV);
    render(<ImportScreen deps={deps({ runner, server })} />);
    chooseFile();
    fireEvent.click(await screen.findByTestId('import-check'));
    await screen.findByTestId('import-preview');
    await waitFor(() =>
      expect(screen.getByTestId('import-preview-source').dataset.source).toBe('server'),
    );
    expect(screen.getByTestId('import-count-create').textContent).toBe('2');
    expect(screen.getByTestId('import-count-bad').textContent).toBe('1');
    const errors = screen.getAllByTestId('import-error-item').map((item) => item.textContent);
    expect(errors).toEqual([
      'แถวที่ 4 คอลัมน์ F (เลขบัตรประชาชน): เลขประจำตัวประชาชนไม่ถูกต้อง (หลักตรวจสอบไม่ตรง)',
    ]);
    expect(server.commit).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('import-confirm'));
    await screen.findByTestId('import-done');
    expect(server.commit).toHaveBeenCalledTimes(1);
  });

  it('a confirmation that failed (a timeout) is sent again with the same Idempotency-Key', async () => {
    const { server, runner } = serverLike(CSV);
    const answer = server.commit.getMockImplementation();
    server.commit.mockImplementationOnce(async () => {
      throw new Error('timeout');
    });
    render(<ImportScreen deps={deps({ runner, server })} />);
    chooseFile();
    fireEvent.click(await screen.findByTestId('import-check'));
    await screen.findByTestId('import-preview');
    fireEvent.click(screen.getByTestId('import-confirm'));
    await waitFor(() => expect(server.commit).toHaveBeenCalledTimes(1));
    server.commit.mockImplementation(answer as never);
    fireEvent.click(await screen.findByTestId('import-confirm'));
    await screen.findByTestId('import-done');
    const [first, second] = server.commit.mock.calls.map((call) => call[1]);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toBe(first);
  });

  it('offers a likely match (same birth date, similar name) to confirm as the existing person or as new', async () => {
    const runner = fakeRunner(CSV);
    const existing = async () => ({
      people: [
        {
          id: EXISTING_ID,
          villageId: VILLAGE.id,
          fields: {
            firstName: 'บุญเรือน',
            lastName: 'ซ้ำชือ',
            birthDate: '1950-03-09',
            householdId: '01930000-0000-7000-8000-0000000000c1',
          },
        },
      ],
      households: [],
      enrollments: [],
    });
    // The server's dry run, with the user's answers, over the same records.
    const records = await existing();
    const server = fakeServer();
    server.preview = vi.fn(async (body: ImportRequest) => {
      const decisions = Object.fromEntries(
        Object.entries(body.decisions ?? {}).map(([row, choice]) => [Number(row), choice]),
      );
      const plan = planRows(body.rows, body.mapping, {
        today: '2026-12-05',
        importedBy: '01930000-0000-7000-8000-0000000000b9',
        villages: VILLAGES.map(({ id, mooNo }) => ({ id, mooNo })),
        ...records,
        decisions,
      });
      (server as unknown as { plan: PreviewPlan }).plan = plan;
      return plan;
    });
    render(<ImportScreen deps={deps({ runner, server, existing })} />);
    chooseFile();
    fireEvent.click(await screen.findByTestId('import-check'));
    const match = await screen.findByTestId('import-match-5');
    expect(screen.getByTestId('import-count-likely-match').textContent).toBe('1');
    expect(match.textContent).toContain('แถวที่ 5');
    expect(match.textContent).toContain('บุญเรือน ซ้ำชือ (เกิด 9/3/2493)');
    expect(match.textContent).toContain('เพิ่มเป็นคนใหม่');
    await waitFor(() =>
      expect(screen.getByTestId('import-preview-source').dataset.source).toBe('server'),
    );
    fireEvent.click(screen.getByTestId('import-match-5-person'));
    // Answered: the server is asked again and the row counts as a match; the question stays.
    await waitFor(() =>
      expect(screen.getByTestId('import-count-likely-match').textContent).toBe('0'),
    );
    expect(screen.getByTestId('import-count-update').textContent).toBe('1');
    expect(server.preview).toHaveBeenLastCalledWith(
      expect.objectContaining({ decisions: { '5': EXISTING_ID } }),
    );
    expect(screen.getByTestId('import-match-5-person')).toHaveProperty('checked', true);
    fireEvent.click(screen.getByTestId('import-confirm'));
    await screen.findByTestId('import-done');
    expect(server.commit.mock.calls[0]?.[0]).toMatchObject({
      decisions: { '5': EXISTING_ID },
      fileName: 'list.csv',
      mapping: { kind: 'people', headerRow: 1 },
    });
  });

  it('shows a progress bar while the worker checks the rows, then the preview', async () => {
    let release = () => {};
    let progress: (done: number, total: number) => void = () => {};
    const server = fakeServer();
    const runner = fakeRunner(CSV, {
      plan: (go, onProgress) => {
        release = go;
        progress = onProgress;
      },
    });
    render(<ImportScreen deps={deps({ runner, server })} />);
    chooseFile();
    fireEvent.click(await screen.findByTestId('import-check'));
    await screen.findByTestId('import-progress');
    progress(1250, 5000);
    await waitFor(() =>
      expect(screen.getByTestId('import-progress').textContent).toContain(
        'กำลังตรวจสอบ 1,250 จาก 5,000 แถว',
      ),
    );
    const bar = screen.getByTestId('import-progress').querySelector('progress');
    expect(bar?.getAttribute('value')).toBe('1250');
    expect(bar?.getAttribute('max')).toBe('5000');
    release();
    await screen.findByTestId('import-preview');
    expect(screen.queryByTestId('import-progress')).toBeNull();
  });

  it('keeps the confirm button off until the server has checked the file', async () => {
    const runner = fakeRunner(CSV);
    const server = {
      ...fakeServer(),
      preview: vi.fn(() => Promise.reject(new Error('offline'))),
    } as unknown as ImportServer;
    render(<ImportScreen deps={deps({ runner, server })} />);
    chooseFile();
    fireEvent.click(await screen.findByTestId('import-check'));
    await screen.findByTestId('import-server-problem');
    expect(screen.getByTestId('import-confirm')).toHaveProperty('disabled', true);
    expect(screen.getByTestId('import-count-create').textContent).toBe('2');
  });
  it('lists past imports and undoes one after a confirmation; a refused undo says why', async () => {
    const summary = {
      id: '01930000-0000-7000-8000-0000000000f2',
      kind: 'people' as const,
      fileName: 'ทะเบียน-หมู่1.xlsx',
      createdBy: '01930000-0000-7000-8000-0000000000b9',
      createdAt: '2026-12-05T05:00:00.000Z',
      counts: {
        rows: 3,
        matched: 0,
        create: 3,
        update: 0,
        unchanged: 0,
        'likely-match': 0,
        duplicate: 0,
        bad: 0,
      },
      records: 4,
      undoneAt: null,
      undoneBy: null,
    };
    const server = {
      ...fakeServer(),
      list: vi.fn(async () => [summary]),
      undo: vi.fn(async () => ({ ok: false })),
    } as unknown as ImportServer & { undo: ReturnType<typeof vi.fn> };
    render(<ImportScreen deps={deps({ runner: fakeRunner(CSV), server })} />);
    const item = await screen.findByTestId(`import-history-${summary.id}`);
    expect(item.textContent).toContain('ทะเบียน-หมู่1.xlsx');
    expect(item.textContent).toContain('เพิ่มใหม่ 3');
    fireEvent.click(screen.getByTestId(`import-undo-${summary.id}`));
    const dialog = await screen.findByTestId('import-undo-dialog');
    expect(server.undo).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'ยกเลิกการนำเข้านี้' }));
    await waitFor(() => expect(server.undo).toHaveBeenCalledWith(summary.id));
    expect((await screen.findByTestId('import-history-notice')).textContent).toContain('ยกเลิกไม่ได้');
  });

  it('shows an admin the past imports but no file to import (admins do not change people)', async () => {
    render(
      <ImportScreen
        deps={deps({ runner: fakeRunner(CSV), server: fakeServer(), canImport: false })}
      />,
    );
    expect(screen.getByTestId('import-not-allowed').textContent).toContain('หัวหน้างาน');
    expect(screen.queryByTestId('import-file')).toBeNull();
    await screen.findByTestId('import-history');
  });
});
