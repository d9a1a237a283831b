// @vitest-environment happy-dom
// The admin's tax-map parcel import (issue 16): the preview in Thai (projection in words,
// parcels per village, problem rows) with the parcels drawn over the households' points, the
// import on confirm, and a file the server refuses explained in Thai.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ParcelImportPanel } from '../../../../src/client/features/map/ParcelImportPanel';
import { parcelCloseUps, previewDrawing } from '../../../../src/client/features/map/parcelLayer';
import { session } from '../../../../src/client/session/state';
import type { ParcelImportResult, ParcelPreview } from '../../../../src/shared/api/parcels';
import { apiError, SURVEYOR, stubApi, VILLAGES } from '../helpers';

const [V1, V2] = VILLAGES as [(typeof VILLAGES)[number], (typeof VILLAGES)[number]];

const square = (lon: number, lat: number): ParcelPreview['sample'][number]['polygons'] => [
  [
    [
      [lon, lat],
      [lon + 0.001, lat],
      [lon + 0.001, lat + 0.001],
      [lon, lat + 0.001],
      [lon, lat],
    ],
  ],
];

const counts = {
  features: 3,
  skipped: 0,
  create: 2,
  update: 0,
  unchanged: 0,
  noCode: 0,
  duplicate: 1,
  noVillage: 0,
  badShape: 0,
  notInFile: 0,
};
const villages = [
  {
    villageId: V1.id,
    mooNo: 1,
    name: V1.name,
    parcels: 2,
    byMoo: 2,
    byHouseholds: 0,
    byNearest: 0,
  },
];
const problems = [
  { record: 3, reason: 'duplicate_code' as const, code: '5439-1-12', firstRecord: 1 },
];

const PREVIEW: ParcelPreview = {
  format: 'shapefile',
  projection: 24048,
  encoding: 'windows-874',
  columns: ['PARCEL_COD', 'MOO'],
  codeColumns: ['PARCEL_COD'],
  mooColumn: 'MOO',
  counts,
  villages,
  problems,
  bbox: [103.65, 16.05, 103.652, 16.051],
  sample: [
    { code: '5439-1-12', villageId: V1.id, polygons: square(103.65, 16.05) },
    { code: '5439-1-13', villageId: V1.id, polygons: square(103.651, 16.05) },
  ],
  households: [
    { villageId: V1.id, point: [103.6505, 16.0505] },
    { villageId: V2.id, point: [103.6515, 16.0505] },
  ],
};

const RESULT: ParcelImportResult = {
  importId: '01930000-0000-7000-8000-0000000000f1',
  projection: 24048,
  counts,
  villages,
  problems,
};

const PREVIEW_URL = 'POST /api/parcels/preview?fileName=parcels.zip';
const IMPORT_URL = 'POST /api/parcels/import?fileName=parcels.zip';

function signIn(role: 'admin' | 'surveyor') {
  session.value = {
    token: 't',
    expiresAt: '2099-01-01T00:00:00.000Z',
    user: { ...SURVEYOR, role },
  };
}

function pickFile() {
  const file = new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'parcels.zip', {
    type: 'application/zip',
  });
  fireEvent.change(screen.getByTestId('parcel-file'), { target: { files: [file] } });
  fireEvent.click(screen.getByTestId('parcel-preview-submit'));
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  session.value = null;
});

describe('parcel import panel', () => {
  beforeEach(() => signIn('admin'));

  it('shows the preview in Thai and the parcels drawn over the houses, then imports on confirm', async () => {
    const fetch = stubApi({ [PREVIEW_URL]: [200, PREVIEW], [IMPORT_URL]: [201, RESULT] });
    render(<ParcelImportPanel />);
    pickFile();

    await screen.findByTestId('parcel-preview');
    expect(screen.getByTestId('parcel-projection').textContent).toBe(
      'ระบบพิกัดในไฟล์: UTM โซน 48 เหนือ บนพื้นหลักฐาน Indian 1975',
    );
    expect(screen.getByTestId('parcel-encoding').textContent).toContain('Windows-874');
    expect(screen.getByTestId('parcel-villages').textContent).toBe('หมู่ที่ 1 บ้านพระเจ้า: 2 แปลง');
    const problemsText = screen.getByTestId('parcel-problems').textContent ?? '';
    expect(problemsText).toContain('แถวที่มีปัญหา 1 แถว');
    expect(problemsText).toContain('แถวที่ 3: รหัสแปลง 5439-1-12 ซ้ำกับแถวที่ 1');
    const svg = screen.getByTestId('parcel-drawing');
    expect(svg.querySelectorAll('path')).toHaveLength(2);
    expect(svg.querySelectorAll('circle')).toHaveLength(2);
    // The session's token goes with the file's bytes.
    const [, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer t');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe(
      'application/octet-stream',
    );

    fireEvent.click(screen.getByTestId('parcel-import-submit'));
    const done = await screen.findByTestId('parcel-imported');
    expect(done.textContent).toContain('แปลงใหม่ 2');
    expect(fetch.mock.calls.map(([url]) => String(url))).toEqual([
      '/api/parcels/preview?fileName=parcels.zip',
      '/api/parcels/import?fileName=parcels.zip',
    ]);
  });

  it('explains a file the server refuses in Thai, never the code', async () => {
    stubApi({
      [PREVIEW_URL]: [
        400,
        apiError('validation_failed', 'The layer file cannot be read: projection_missing', [
          { path: 'body', message: 'projection_missing', params: {} },
        ]),
      ],
    });
    render(<ParcelImportPanel />);
    pickFile();
    const error = await screen.findByTestId('parcel-error');
    expect(error.textContent).toContain('ไม่มีไฟล์ .prj');
    expect(error.textContent).not.toContain('projection_missing');
    expect(screen.queryByTestId('parcel-preview')).toBeNull();
  });

  it('shows a too large file (413) in Thai', async () => {
    stubApi({ [PREVIEW_URL]: [413, apiError('payload_too_large')] });
    render(<ParcelImportPanel />);
    pickFile();
    await waitFor(() =>
      expect(screen.getByTestId('parcel-error').textContent).toBe('ไฟล์ใหญ่เกินกว่าที่รับได้'),
    );
  });

  it('is not shown to a surveyor', () => {
    signIn('surveyor');
    render(<ParcelImportPanel />);
    expect(screen.queryByTestId('parcel-import')).toBeNull();
  });
});

describe('preview drawing', () => {
  const far = {
    ...PREVIEW,
    households: [
      { villageId: V1.id, point: [103.6505, 16.0505] as [number, number] },
      { villageId: V1.id, point: [103.66, 16.06] as [number, number] },
    ],
  };
  /** The x extent of a drawn path, in drawing units. */
  const spanOf = (path: string) => {
    const xs = [...path.matchAll(/[ML]([\d.]+) /g)].map((match) => Number(match[1]));
    return Math.max(...xs) - Math.min(...xs);
  };

  it('fits the parcels, not every house, and counts the houses outside the frame', () => {
    const drawing = previewDrawing(far);
    expect(drawing.width).toBe(640);
    // Two 0.001° parcels side by side fill most of the width: a house dot on one is readable.
    expect(spanOf(drawing.parcels.join(''))).toBeGreaterThan(drawing.width * 0.6);
    expect(drawing.points).toHaveLength(1);
    expect(drawing.outside).toBe(1);
    const [x, y] = drawing.points[0] ?? [Number.NaN, Number.NaN];
    expect(x).toBeGreaterThan(0);
    expect(x).toBeLessThan(drawing.width);
    expect(y).toBeGreaterThan(0);
    expect(y).toBeLessThan(drawing.height);
  });

  it('keeps houses away from the parcels inside the picture when asked for all houses', () => {
    const drawing = previewDrawing(far, 'all');
    expect(drawing.outside).toBe(0);
    expect(drawing.points).toHaveLength(2);
    for (const [x, y] of drawing.points) {
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThanOrEqual(drawing.width);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(drawing.height);
    }
    expect(spanOf(drawing.parcels.join(''))).toBeLessThan(drawing.width * 0.3);
  });

  it('takes the full width even for a tall, thin layer, and is never taller than wide', () => {
    const tall = { ...PREVIEW, bbox: [103.65, 16.05, 103.6505, 16.06] as ParcelPreview['bbox'] };
    const drawing = previewDrawing(tall);
    expect(drawing.width).toBe(640);
    expect(drawing.height).toBeLessThanOrEqual(640);
    const flat = { ...PREVIEW, bbox: [103.65, 16.05, 103.67, 16.0501] as ParcelPreview['bbox'] };
    expect(previewDrawing(flat).height).toBeGreaterThanOrEqual(320);
  });
});

describe('parcel close-ups', () => {
  it('draws a parcel with a house on it large enough to see the house inside', () => {
    const lonely = {
      ...PREVIEW,
      sample: [
        { code: 'FAR-1', villageId: V1.id, polygons: square(103.7, 16.1) },
        ...PREVIEW.sample,
      ],
    };
    const [first, ...rest] = parcelCloseUps(lonely);
    // Parcels with a house near them come first.
    expect(first?.code).toBe('5439-1-12');
    expect(rest.map((closeUp) => closeUp.code)).toEqual(['5439-1-13', 'FAR-1']);
    if (!first) throw new Error('a close-up');
    const xs = [...(first.parcels[0] ?? '').matchAll(/[ML]([\d.]+) /g)].map((m) => Number(m[1]));
    const [left, right] = [Math.min(...xs), Math.max(...xs)];
    expect(right - left).toBeGreaterThan(first.width * 0.3);
    const [x] = first.points[0] ?? [Number.NaN];
    expect(x).toBeGreaterThan(left);
    expect(x).toBeLessThan(right);
  });
});

describe('preview panel frame', () => {
  beforeEach(() => signIn('admin'));

  it('says in Thai how many houses are outside the frame, and can show them all', async () => {
    const outsideOne = {
      ...PREVIEW,
      households: [...PREVIEW.households, { villageId: V1.id, point: [103.7, 16.1] }],
    };
    stubApi({ [PREVIEW_URL]: [200, outsideOne] });
    render(<ParcelImportPanel />);
    pickFile();
    await screen.findByTestId('parcel-preview');
    const svg = screen.getByTestId('parcel-drawing');
    expect(svg.getAttribute('width')).toBe('640');
    expect(screen.getByTestId('parcel-close-ups').querySelectorAll('li svg')).toHaveLength(2);
    expect(svg.querySelectorAll('circle')).toHaveLength(2);
    expect(screen.getByTestId('parcel-drawing-outside').textContent).toBe('บ้านอีก 1 หลังอยู่นอกกรอบ');
    fireEvent.click(screen.getByTestId('parcel-drawing-frame'));
    await waitFor(() => expect(svg.querySelectorAll('circle')).toHaveLength(3));
    expect(screen.queryByTestId('parcel-drawing-outside')).toBeNull();
    expect(screen.getByTestId('parcel-drawing-frame').textContent).toBe('ขยายไปที่แปลงที่ดิน');
  });
});
