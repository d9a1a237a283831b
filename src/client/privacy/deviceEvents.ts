import type { DeviceEvent } from '../../shared/api/deviceEvents';
import { uuidv7 } from '../../shared/ids';

/**
 * Records that this user was shown a person's sensitive data (PDPA audit: who viewed whom,
 * when). Works offline: the event waits on the device and reaches the server's audit log at the
 * next sync. Call it once per opening of a screen that shows the data, not per render.
 */
export function logSensitiveView(person: { id: string; villageId: string }): Promise<void> {
  return queueDeviceEvent({
    kind: 'person.view',
    villageId: person.villageId,
    recordId: person.id,
  });
}

/** Records that a list or file left the app: `what` names it (`report:elderly-allowance`…). */
export function logExport(
  what: string,
  rows: number,
  villageId: string | null = null,
): Promise<void> {
  return queueDeviceEvent({ kind: 'export', villageId, recordId: null, details: { what, rows } });
}

type NewDeviceEvent = Omit<DeviceEvent, 'id' | 'at'>;

let sink: ((event: DeviceEvent) => Promise<void>) | null = null;

/** The signed-in user's queue (set by the session when it unlocks; null while locked). */
export function setDeviceEventSink(next: typeof sink): void {
  sink = next;
}

async function queueDeviceEvent(event: NewDeviceEvent): Promise<void> {
  await sink?.({ ...event, id: uuidv7(), at: new Date().toISOString() });
}
