// The demo tambon's tax map (issue 16): a parcel layer around its houses, written as an
// office's tax-map program would hand it over (a zipped Shapefile in Indian 1975 / UTM zone
// 48N, Thai attributes in TIS-620, no .cpg) and imported through the same reader,
// reprojection and import as an admin's upload, so `--demo` exercises that whole path.
// Most households sit on a parcel (the farmers' by their `taxParcelCode`, the others by where
// their GPS fix falls), some have none, and some parcels (rice fields) have no household: the
// survey gaps the map shows.
import type { MultiPolygon } from '../../shared/geo/geometry';
import { fromWgs84, type Position } from '../../shared/geo/projection';
import { writeShapefile, zipShapefile } from '../../shared/geo/shapefileWriter';
import { importParcelLayer } from '../parcels/importLayer';
import type { Store } from '../store';
import { seededRandom } from './random';

const DEMO_PARCEL_SEED = 16_451_804;
/** The projection of the office's file. */
const DEMO_PROJECTION = 24048;
/** One household in this many without a `taxParcelCode` has no parcel drawn. */
const WITHOUT_PARCEL = 0.2;
/** Rice fields without a household, this many per 10 households. */
const FIELDS_PER_TEN_HOUSES = 1.2;

const RAI_M2 = 1_600;
const NGAN_M2 = 400;
const WAH_M2 = 4;

interface DemoHousehold {
  id: string;
  mooNo: number;
  point: Position;
  taxParcelCode: string | undefined;
}

interface DemoParcel {
  code: string;
  shape: MultiPolygon;
  areaM2: number;
  landUse: string;
  doc: string;
}

/** A rectangle `w` × `h` metres with its south-west corner at (e, n), clockwise. */
function rectangle(e: number, n: number, w: number, h: number): MultiPolygon {
  return [
    [
      [
        [e, n],
        [e, n + h],
        [e + w, n + h],
        [e + w, n],
        [e, n],
      ],
    ],
  ];
}

/** The demo layer's parcels, from the households as stored (the same seed gives the same map). */
export function demoParcels(households: readonly DemoHousehold[]): DemoParcel[] {
  const random = seededRandom(DEMO_PARCEL_SEED);
  const between = (min: number, max: number) => min + random() * (max - min);
  const project = fromWgs84(DEMO_PROJECTION);
  const parcels: DemoParcel[] = [];
  const used = new Set<string>();
  const lots = new Map<number, number>();
  const nextCode = (mooNo: number) => {
    // Zones by หมู่, blocks E–H (the generator's farm codes use A–D), lots counting up.
    const lot = (lots.get(mooNo) ?? 0) + 1;
    lots.set(mooNo, lot);
    const block = 'EFGH'[Math.floor((lot - 1) / 500) % 4];
    return `${String(mooNo).padStart(2, '0')}${block}${String(((lot - 1) % 500) + 1).padStart(3, '0')}`;
  };
  const sorted = [...households].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const household of sorted) {
    const skip = random() < WITHOUT_PARCEL;
    if (!household.taxParcelCode && skip) continue;
    const code = household.taxParcelCode ?? nextCode(household.mooNo);
    if (used.has(code)) continue;
    used.add(code);
    const [e, n] = project(household.point);
    const [w, h] = [between(25, 45), between(25, 45)];
    // The house somewhere inside, not always in the middle.
    const [x, y] = [e - w * between(0.25, 0.75), n - h * between(0.25, 0.75)];
    const farm = household.taxParcelCode !== undefined;
    parcels.push({
      code,
      shape: rectangle(x, y, w, h),
      areaM2: w * h,
      landUse: farm ? 'ที่อยู่อาศัยและเกษตรกรรม' : 'ที่อยู่อาศัย',
      doc: random() < 0.7 ? 'โฉนดที่ดิน' : 'น.ส.3 ก',
    });
  }
  const fields = Math.round((sorted.length / 10) * FIELDS_PER_TEN_HOUSES);
  for (let i = 0; i < fields && sorted.length > 0; i++) {
    const near = sorted[Math.floor(random() * sorted.length)] as DemoHousehold;
    const [e, n] = project(near.point);
    const angle = random() * 2 * Math.PI;
    const distance = between(120, 220);
    const [w, h] = [between(60, 110), between(80, 140)];
    parcels.push({
      code: nextCode(near.mooNo),
      shape: rectangle(e + Math.cos(angle) * distance, n + Math.sin(angle) * distance, w, h),
      areaM2: w * h,
      landUse: 'เกษตรกรรม (นาข้าว)',
      doc: random() < 0.5 ? 'ส.ป.ก.4-01' : 'น.ส.3 ก',
    });
  }
  return parcels;
}

/** The demo's parcels as the office's zipped Shapefile. */
export function demoParcelLayer(households: readonly DemoHousehold[]): Uint8Array {
  const parcels = demoParcels(households);
  const files = writeShapefile({
    shapes: parcels.map((p) => p.shape),
    fields: [
      { name: 'PARCEL_COD', type: 'C', length: 12 },
      { name: 'LANDUSE', type: 'C', length: 60 },
      { name: 'DOC_TYPE', type: 'C', length: 30 },
      { name: 'RAI', type: 'N', length: 4 },
      { name: 'NGAN', type: 'N', length: 2 },
      { name: 'WAH', type: 'N', length: 6, decimals: 1 },
    ],
    rows: parcels.map((p) => {
      const rai = Math.floor(p.areaM2 / RAI_M2);
      const ngan = Math.floor((p.areaM2 - rai * RAI_M2) / NGAN_M2);
      const wah = (p.areaM2 - rai * RAI_M2 - ngan * NGAN_M2) / WAH_M2;
      return {
        PARCEL_COD: p.code,
        LANDUSE: p.landUse,
        DOC_TYPE: p.doc,
        RAI: rai,
        NGAN: ngan,
        WAH: wah,
      };
    }),
    encoding: 'windows-874',
    projection: DEMO_PROJECTION,
  });
  return zipShapefile('demo_parcels', files);
}

/** Imports the demo's tax map unless parcels are there already. Returns how many it wrote. */
export async function loadDemoParcels(
  store: Store,
  input: { admin: { id: string; role: 'admin' }; at: string },
): Promise<number> {
  if ((await store.liveRecordsOfType('parcel')).length > 0) return 0;
  const villages = new Map((await store.listVillages()).map((v) => [v.id, v.mooNo]));
  const households: DemoHousehold[] = [];
  for (const record of await store.liveRecordsOfType('household')) {
    const fields = record.fields as { gps?: { lat: number; lng: number }; taxParcelCode?: string };
    const mooNo = villages.get(record.villageId);
    if (!fields.gps || mooNo === undefined) continue;
    households.push({
      id: record.id,
      mooNo,
      point: [fields.gps.lng, fields.gps.lat],
      taxParcelCode: fields.taxParcelCode,
    });
  }
  if (households.length === 0) return 0;
  const result = await importParcelLayer(store, {
    user: input.admin,
    bytes: demoParcelLayer(households),
    at: input.at,
    onWritten: (tx, written) =>
      tx.appendAudit({
        at: input.at,
        userId: null,
        action: 'parcels.import',
        target: written.importId,
        details: { demo: true, projection: written.projection, counts: written.counts },
      }),
  });
  return result.counts.create;
}
