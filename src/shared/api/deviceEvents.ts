import { z } from 'zod';
import { Uuid } from '../model/organization';

/**
 * What a device saw or took out while it may have been offline, for the server's audit log
 * (PDPA: who viewed whom, when; every export). Queued on the device, sent at its next sync.
 *
 * - `person.view`: the person's sensitive data was shown (`recordId` = the person).
 * - `export`: a list or file left the app (`details.what` names it, `details.rows` its size).
 */
export const DEVICE_EVENT_KINDS = ['person.view', 'export'] as const;

export const DeviceEvent = z.object({
  /** uuidv7 made on the device: sending an event twice records it once. */
  id: Uuid,
  kind: z.enum(DEVICE_EVENT_KINDS),
  /** When it happened on the device (its own clock). */
  at: z.string().datetime({ offset: true }),
  villageId: Uuid.nullable(),
  recordId: Uuid.nullable(),
  details: z.record(z.string().max(50), z.union([z.string().max(200), z.number()])).optional(),
});
export type DeviceEvent = z.infer<typeof DeviceEvent>;

/** Device clocks before this are wrong (the app did not exist). */
export const EARLIEST_DEVICE_TIME = '2020-01-01T00:00:00.000Z';
/** A device clock may run ahead of the server by time zones and drift, not by more than this. */
export const MAX_DEVICE_TIME_AHEAD_MS = 24 * 60 * 60_000;

export type ImplausibleTime = 'before_2020' | 'after_server_time';

/**
 * Why a device's time cannot be believed, or null: before 2020, or more than a day ahead of
 * the server. Such an event is dated when the server received it (its claim kept beside).
 */
export function implausibleDeviceTime(at: string, serverNow: Date): ImplausibleTime | null {
  const millis = Date.parse(at);
  if (!(millis >= Date.parse(EARLIEST_DEVICE_TIME))) return 'before_2020';
  if (millis > serverNow.getTime() + MAX_DEVICE_TIME_AHEAD_MS) return 'after_server_time';
  return null;
}

/** `POST /api/audit/events`. */
export const DeviceEventsRequest = z.object({ events: z.array(DeviceEvent).min(1).max(500) });
export type DeviceEventsRequest = z.infer<typeof DeviceEventsRequest>;

/**
 * Every event is answered: `recorded` (now or before), or `refused` when it names a village the
 * user does not have (recorded as `audit.event_refused` for review, never silently dropped).
 */
export const DeviceEventsResponse = z.object({
  recorded: z.array(Uuid),
  refused: z.array(z.object({ id: Uuid, reason: z.string() })),
});
export type DeviceEventsResponse = z.infer<typeof DeviceEventsResponse>;
