// The devices (browsers) that signed in, each owned by one user.
import type { Device } from '../../shared/api/admin';
import { StoredDeviceReport } from '../../shared/api/fleet';
import type { Db } from './executor';

/** A device as stored; the warnings are the route's to compute. */
export type DeviceRecord = Omit<Device, 'warnings'>;

export interface NewDevice {
  clientId: string;
  userId: string;
  name: string | null;
  at: string;
}

function devicesQuery(db: Db) {
  return db
    .selectFrom('devices')
    .innerJoin('users', 'users.id', 'devices.user_id')
    .select([
      'devices.client_id',
      'devices.user_id',
      'users.username',
      'devices.name',
      'devices.created_at',
      'devices.last_seen_at',
      'devices.revoked_at',
      'devices.report',
    ]);
}

type DeviceRow = Awaited<ReturnType<ReturnType<typeof devicesQuery>['executeTakeFirstOrThrow']>>;

function toDevice(row: DeviceRow): DeviceRecord {
  return {
    clientId: row.client_id,
    userId: row.user_id,
    username: row.username,
    name: row.name,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
    report: parseReport(row.report),
  };
}

function parseReport(text: string | null): StoredDeviceReport | null {
  if (!text) return null;
  try {
    const parsed = StoredDeviceReport.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function newDeviceRow(device: NewDevice) {
  return {
    client_id: device.clientId,
    user_id: device.userId,
    name: device.name,
    created_at: device.at,
    last_seen_at: device.at,
    revoked_at: null,
    report: null,
  };
}

async function listDevices(db: Db): Promise<DeviceRecord[]> {
  const rows = await devicesQuery(db).orderBy('devices.created_at', 'desc').execute();
  return rows.map(toDevice);
}

async function getDevice(db: Db, clientId: string): Promise<DeviceRecord | null> {
  const row = await devicesQuery(db).where('devices.client_id', '=', clientId).executeTakeFirst();
  return row ? toDevice(row) : null;
}

/** Creates the device or points it at `userId`, naming it and marking it seen. */
async function saveDevice(db: Db, device: NewDevice): Promise<DeviceRecord> {
  await db
    .insertInto('devices')
    .values(newDeviceRow(device))
    .onConflict((oc) =>
      oc.column('client_id').doUpdateSet((eb) => ({
        user_id: device.userId,
        name: eb.fn.coalesce(eb.ref('excluded.name'), eb.ref('devices.name')),
        last_seen_at: device.at,
      })),
    )
    .execute();
  return (await getDevice(db, device.clientId)) as DeviceRecord;
}

/**
 * Creates the device for `userId`, or names and marks it seen if it is already theirs; a
 * device of another user is left as it is. Returns the device as stored: its `userId` says
 * who owns it.
 */
async function claimDevice(db: Db, device: NewDevice): Promise<DeviceRecord> {
  // One statement, so two first logins racing on one clientId cannot both own it.
  await db
    .insertInto('devices')
    .values(newDeviceRow(device))
    .onConflict((oc) =>
      oc
        .column('client_id')
        .doUpdateSet((eb) => ({
          name: eb.fn.coalesce(eb.ref('excluded.name'), eb.ref('devices.name')),
          last_seen_at: device.at,
        }))
        .where('devices.user_id', '=', device.userId),
    )
    .execute();
  return (await getDevice(db, device.clientId)) as DeviceRecord;
}

async function touchDevice(db: Db, clientId: string, at: string): Promise<void> {
  await db
    .updateTable('devices')
    .set({ last_seen_at: at })
    .where('client_id', '=', clientId)
    .execute();
}

async function revokeDevice(db: Db, clientId: string, at: string): Promise<DeviceRecord | null> {
  await db
    .updateTable('devices')
    .set({ revoked_at: at })
    .where('client_id', '=', clientId)
    .where('revoked_at', 'is', null)
    .execute();
  return getDevice(db, clientId);
}

/** Keeps the device's report of its last sync; only the device's own session calls it. */
async function saveDeviceReport(
  db: Db,
  clientId: string,
  report: StoredDeviceReport,
): Promise<void> {
  await db
    .updateTable('devices')
    .set({ report: JSON.stringify(report) })
    .where('client_id', '=', clientId)
    .execute();
}

export const deviceQueries = {
  saveDeviceReport,
  listDevices,
  getDevice,
  saveDevice,
  claimDevice,
  touchDevice,
  revokeDevice,
};
