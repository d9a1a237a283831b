// An imported parcel layer as parcels to write: each feature's code (from the file's columns),
// area and village (`VillageAssigner`), and the rows that cannot be written, with why.
import { ParcelPolygons } from '../model/parcel';
import { GeoError } from './errors';
import type { MultiPolygon } from './geometry';
import { areaM2 } from './geometry';
import type { LayerFeature, ParcelLayer } from './layer';
import {
  type HouseholdPoint,
  mooOf,
  normalizeParcelCode,
  VillageAssigner,
  type VillageAssignment,
} from './parcels';

/** A column name compared without case, spaces or underscores. */
const squash = (name: string) => name.toLowerCase().replace(/[\s_.-]+/g, '');

const CODE_NAMES = [
  'parcelcode',
  'parcelcod',
  'parcelid',
  'pcode',
  'code',
  'taxcode',
  'landcode',
  'รหัสแปลง',
  'รหัสแปลงที่ดิน',
  'รหัสที่ดิน',
];
const ZONE_NAMES = ['zone', 'โซน'];
const BLOCK_NAMES = ['block', 'blk', 'บล็อก', 'บล็อค', 'บล๊อก'];
const LOT_NAMES = ['lot', 'lotno', 'parcelno', 'parcel', 'ลำดับแปลง', 'เลขแปลง'];
const MOO_NAMES = ['moo', 'moono', 'mu', 'mooban', 'village', 'vil', 'หมู่', 'หมู่ที่', 'ม'];

function find(columns: readonly string[], names: readonly string[]): string | undefined {
  return columns.find((column) => names.includes(squash(column)));
}

/** Where a layer's parcel code is: one column, or zone, block and lot columns joined. */
export type CodeColumns = { code: string } | { zone: string; block: string; lot: string };

export function parcelCodeColumns(columns: readonly string[]): CodeColumns | null {
  const code = find(columns, CODE_NAMES);
  if (code) return { code };
  const zone = find(columns, ZONE_NAMES);
  const block = find(columns, BLOCK_NAMES);
  const lot = find(columns, LOT_NAMES);
  return zone && block && lot ? { zone, block, lot } : null;
}

export function mooColumn(columns: readonly string[]): string | null {
  return find(columns, MOO_NAMES) ?? null;
}

function codeOf(attributes: Record<string, string>, columns: CodeColumns): string | null {
  if ('code' in columns) return attributes[columns.code]?.trim() || null;
  const parts = [attributes[columns.zone], attributes[columns.block], attributes[columns.lot]];
  if (parts.some((part) => !part?.trim())) return null;
  return parts.map((part) => (part as string).trim()).join('');
}

export interface PlannedParcel {
  record: number;
  code: string;
  villageId: string;
  by: Exclude<VillageAssignment['by'], 'none'>;
  polygons: MultiPolygon;
  areaM2: number;
  attributes: Record<string, string>;
}

export type ParcelProblem =
  | { record: number; reason: 'no_code' }
  | { record: number; reason: 'duplicate_code'; code: string; firstRecord: number }
  | { record: number; reason: 'no_village'; code: string }
  /** More polygons or rings than a parcel record holds (`PARCEL_LIMITS`). */
  | { record: number; reason: 'bad_shape'; code: string };

export interface ParcelPlan {
  parcels: PlannedParcel[];
  problems: ParcelProblem[];
  codeColumns: CodeColumns;
  mooColumn: string | null;
}

/** Area in m² as stored: to the tenth of a square metre. */
const roundArea = (value: number) => Math.round(value * 10) / 10;

/**
 * The parcels of `layer` to write, with their villages, and the rows left out: without a code,
 * a code seen earlier in the file (the same parcel twice would overwrite itself), or no village.
 * Throws `no_parcel_code` when no column holds a code.
 */
export function planParcels(
  layer: Pick<ParcelLayer, 'columns' | 'features'>,
  context: {
    villages: ReadonlyArray<{ id: string; mooNo: number }>;
    households: readonly HouseholdPoint[];
  },
): ParcelPlan {
  const codeColumns = parcelCodeColumns(layer.columns);
  if (!codeColumns)
    throw new GeoError('no_parcel_code', { columns: layer.columns.join(', ').slice(0, 200) });
  const moo = mooColumn(layer.columns);
  const assigner = new VillageAssigner(context);
  const parcels: PlannedParcel[] = [];
  const problems: ParcelProblem[] = [];
  const seen = new Map<string, number>();
  for (const feature of layer.features as LayerFeature[]) {
    const code = codeOf(feature.attributes, codeColumns);
    if (!code) {
      problems.push({ record: feature.record, reason: 'no_code' });
      continue;
    }
    const key = normalizeParcelCode(code);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ record: feature.record, reason: 'duplicate_code', code, firstRecord: first });
      continue;
    }
    seen.set(key, feature.record);
    if (!ParcelPolygons.safeParse(feature.polygons).success) {
      problems.push({ record: feature.record, reason: 'bad_shape', code });
      continue;
    }
    const area = roundArea(areaM2(feature.polygons));
    const assignment = assigner.assign(
      { code, polygons: feature.polygons, areaM2: area },
      moo ? mooOf(feature.attributes[moo]) : null,
    );
    if (assignment.villageId === null) {
      problems.push({ record: feature.record, reason: 'no_village', code });
      continue;
    }
    parcels.push({
      record: feature.record,
      code: code.slice(0, 40),
      villageId: assignment.villageId,
      by: assignment.by,
      polygons: feature.polygons,
      areaM2: area,
      attributes: feature.attributes,
    });
  }
  return { parcels, problems, codeColumns, mooColumn: moo };
}
