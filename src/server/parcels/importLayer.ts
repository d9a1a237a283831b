// The tax map's parcel layer into the database (issue 16): read and reprojected by the pure
// reader (shared/geo), planned against the stored households and parcels, and written through
// the sync engine as an admin's mutations, so every device of a parcel's village pulls it like
// any record. A re-import of a code updates that parcel (changed fields only); parcels the file
// no longer has are kept. The preview runs the same steps and writes nothing.
import {
  type ParcelImportCounts,
  type ParcelImportResult,
  type ParcelPreview,
  PREVIEW_HOUSEHOLD_POINTS,
  PREVIEW_PROBLEMS,
  PREVIEW_SAMPLE_PARCELS,
} from '../../shared/api/parcels';
import type { Bbox } from '../../shared/geo/geometry';
import { inBbox } from '../../shared/geo/geometry';
import { type ParcelLayer, readParcelLayer } from '../../shared/geo/layer';
import { type HouseholdPoint, normalizeParcelCode } from '../../shared/geo/parcels';
import { type ParcelPlan, planParcels } from '../../shared/geo/plan';
import type { Position } from '../../shared/geo/projection';
import { uuidv7 } from '../../shared/ids';
import type { Village } from '../../shared/model/organization';
import type { ParcelFields } from '../../shared/model/parcel';
import type { Role } from '../../shared/model/user';
import { formatHlc } from '../../shared/sync/hlc';
import type { FieldValues, Mutation, SyncRecord } from '../../shared/sync/protocol';
import { CURRENT_SCHEMA_VERSION } from '../../shared/sync/upgrade';
import type { Store } from '../store';
import { applyUnits } from '../sync/apply';
import { prepareIncoming } from '../sync/intake';

export interface ParcelImporter {
  id: string;
  role: Role;
}

interface Planned {
  layer: ParcelLayer;
  plan: ParcelPlan;
  villages: Village[];
  households: HouseholdPoint[];
  changes: ParcelChange[];
  counts: ParcelImportCounts;
}

/** One parcel to write: a new record, or the changed fields of a stored one. */
interface ParcelChange {
  op: 'create' | 'patch';
  id: string;
  villageId: string;
  patch: FieldValues;
  base: Record<string, number>;
}

function householdPoint(record: SyncRecord): HouseholdPoint {
  const fields = record.fields as {
    gps?: { lat?: unknown; lng?: unknown };
    taxParcelCode?: unknown;
  };
  const { lat, lng } = fields.gps ?? {};
  return {
    id: record.id,
    villageId: record.villageId,
    point: typeof lat === 'number' && typeof lng === 'number' ? [lng, lat] : undefined,
    taxParcelCode: typeof fields.taxParcelCode === 'string' ? fields.taxParcelCode : undefined,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Plans a layer read by `readParcelLayer` against what `store` holds. */
async function planLayer(store: Store, layer: ParcelLayer): Promise<Planned> {
  const villages = await store.listVillages();
  const households = (await store.liveRecordsOfType('household')).map(householdPoint);
  const plan = planParcels(layer, { villages, households });
  const stored = new Map<string, SyncRecord>();
  for (const record of await store.liveRecordsOfType('parcel')) {
    const code = (record.fields as { code?: unknown }).code;
    if (typeof code === 'string') stored.set(normalizeParcelCode(code), record);
  }
  const changes: ParcelChange[] = [];
  let unchanged = 0;
  const inFile = new Set<string>();
  for (const parcel of plan.parcels) {
    const key = normalizeParcelCode(parcel.code);
    inFile.add(key);
    const fields: Omit<ParcelFields, 'importId'> = {
      code: parcel.code,
      polygons: parcel.polygons,
      areaM2: parcel.areaM2,
      ...(Object.keys(parcel.attributes).length > 0 ? { attributes: parcel.attributes } : {}),
    };
    const before = stored.get(key);
    if (!before) {
      changes.push({
        op: 'create',
        id: uuidv7(),
        villageId: parcel.villageId,
        patch: fields,
        base: {},
      });
      continue;
    }
    const patch: FieldValues = {};
    for (const name of ['code', 'polygons', 'areaM2', 'attributes'] as const) {
      const value = (fields as Record<string, unknown>)[name];
      if (!same(value, before.fields[name])) patch[name] = value ?? null;
    }
    if (Object.keys(patch).length === 0 && before.villageId === parcel.villageId) {
      unchanged++;
      continue;
    }
    // Each patched field's base is the seq the import saw: it is the newest, never a conflict.
    const base = Object.fromEntries(
      [...Object.keys(patch), 'importId'].map((name) => [name, before.fieldMeta[name]?.seq ?? 0]),
    );
    changes.push({ op: 'patch', id: before.id, villageId: parcel.villageId, patch, base });
  }
  const count = (reason: string) => plan.problems.filter((p) => p.reason === reason).length;
  const counts: ParcelImportCounts = {
    features: layer.features.length,
    skipped: layer.skipped.length,
    create: changes.filter((c) => c.op === 'create').length,
    update: changes.filter((c) => c.op === 'patch').length,
    unchanged,
    noCode: count('no_code'),
    duplicate: count('duplicate_code'),
    noVillage: count('no_village'),
    badShape: count('bad_shape'),
    notInFile: [...stored.keys()].filter((key) => !inFile.has(key)).length,
  };
  return { layer, plan, villages, households, changes, counts };
}

function villageCounts(planned: Planned): ParcelPreview['villages'] {
  return planned.villages
    .map((village) => {
      const here = planned.plan.parcels.filter((p) => p.villageId === village.id);
      return {
        villageId: village.id,
        mooNo: village.mooNo,
        name: village.name,
        parcels: here.length,
        byMoo: here.filter((p) => p.by === 'moo').length,
        byHouseholds: here.filter((p) => p.by === 'households').length,
        byNearest: here.filter((p) => p.by === 'nearest').length,
      };
    })
    .filter((row) => row.parcels > 0)
    .sort((a, b) => a.mooNo - b.mooNo);
}

function problemRows(planned: Planned): ParcelPreview['problems'] {
  return planned.plan.problems.slice(0, PREVIEW_PROBLEMS);
}

/** The layer's box grown by ~300 m, for the household points drawn under it. */
function grown(box: Bbox): Bbox {
  const margin = 0.003;
  return [box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin];
}

/** What an import of `bytes` would write, for `user` to check on the map; writes nothing. */
export async function previewParcelLayer(
  store: Store,
  user: ParcelImporter,
  bytes: Uint8Array,
): Promise<ParcelPreview> {
  const layer = readParcelLayer(bytes);
  const planned = await store.snapshot((tx) => planLayer(tx, layer));
  const visible = new Set((await store.visibleVillages(user.id)).map((v) => v.id));
  const { plan } = planned;
  const plannedByRecord = new Map(plan.parcels.map((p) => [p.record, p]));
  const problemCode = new Map(
    plan.problems.flatMap((p) => ('code' in p ? [[p.record, p.code] as const] : [])),
  );
  const box = grown(layer.bbox);
  const households: ParcelPreview['households'] = [];
  for (const household of planned.households) {
    if (households.length >= PREVIEW_HOUSEHOLD_POINTS) break;
    if (!household.point || !visible.has(household.villageId) || !inBbox(household.point, box)) {
      continue;
    }
    households.push({ villageId: household.villageId, point: household.point as Position });
  }
  return {
    format: layer.format,
    projection: layer.projection,
    encoding: layer.encoding,
    columns: layer.columns,
    codeColumns: Object.values(plan.codeColumns),
    mooColumn: plan.mooColumn,
    counts: planned.counts,
    villages: villageCounts(planned),
    problems: problemRows(planned),
    bbox: layer.bbox,
    sample: layer.features.slice(0, PREVIEW_SAMPLE_PARCELS).map((feature) => ({
      code: plannedByRecord.get(feature.record)?.code ?? problemCode.get(feature.record) ?? '',
      villageId: plannedByRecord.get(feature.record)?.villageId ?? null,
      polygons: feature.polygons,
    })),
    households,
  };
}

export interface ParcelImportOptions {
  user: ParcelImporter;
  bytes: Uint8Array;
  at: string;
  /** Called in the import's transaction once the parcels are written (the audit line). */
  onWritten?: (tx: Store, result: ParcelImportResult) => Promise<void>;
}

/**
 * Reads, plans and writes a parcel layer in one transaction. The writes are mutations of the
 * admin, from a device id of their own per import (`parcels-<importId>`), so the sync engine
 * numbers, merges and records them like any push and no real device's counter is touched.
 */
export async function importParcelLayer(
  store: Store,
  options: ParcelImportOptions,
): Promise<ParcelImportResult> {
  const { user, at } = options;
  const importId = uuidv7();
  const clientId = `parcels-${importId.replace(/-/g, '')}`;
  // Read (the slow, CPU-bound part) before the transaction, which only plans and writes.
  const layer = readParcelLayer(options.bytes);
  return store.transaction(async (tx) => {
    const planned = await planLayer(tx, layer);
    const serverNow = Date.parse(at);
    const units = planned.changes.map((change, index) => {
      const n = index + 1;
      const mutation: Mutation = {
        mutationId: `${clientId}:${n}`,
        clientId,
        txId: `${clientId}:${n}`,
        schemaVersion: CURRENT_SCHEMA_VERSION,
        // The HLC counter has 4 hex digits: a millisecond more every 65,536 parcels.
        hlc: formatHlc({
          millis: serverNow + Math.floor(index / 0x10000),
          counter: index % 0x10000,
          clientId,
        }),
        op: change.op,
        type: 'parcel',
        id: change.id,
        villageId: change.villageId,
        patch: { ...change.patch, importId },
        base: change.base,
      };
      return [prepareIncoming(mutation, serverNow)];
    });
    if (units.length > 0) {
      await tx.lockClientCounter(clientId, user.id, at);
      // Import is an admin's act over every village: the tax map is the office's public record.
      const actor = {
        userId: user.id,
        role: user.role,
        villageIds: new Set(planned.villages.map((v) => v.id)),
      };
      const outcome = await applyUnits(tx, actor, units, { at });
      if (outcome.counts.quarantined > 0) {
        const refused = outcome.results.find((r) => r.status === 'quarantined');
        throw new Error(
          `parcel import: ${outcome.counts.quarantined} refused (${refused?.reason})`,
        );
      }
      await tx.setClientCounter(clientId, user.id, units.length, at);
    }
    const result: ParcelImportResult = {
      importId,
      projection: planned.layer.projection,
      counts: planned.counts,
      villages: villageCounts(planned),
      problems: problemRows(planned),
    };
    await options.onWritten?.(tx, result);
    return result;
  });
}
