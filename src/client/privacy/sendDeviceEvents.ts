import type { DeviceEventsResponse } from '../../shared/api/deviceEvents';
import type { TambonDatabase } from '../db/database';

const BATCH = 500;

type Send = <T>(path: string, options: { method: 'POST'; body: unknown }) => Promise<T>;

/**
 * Sends the queued audit events, oldest first, and forgets each one the server answered
 * (recorded, or refused and logged as refused there). Unanswered events wait for the next sync.
 */
export async function sendDeviceEvents(database: TambonDatabase, send: Send): Promise<void> {
  for (;;) {
    const events = await database.deviceEvents.orderBy('id').limit(BATCH).toArray();
    if (events.length === 0) return;
    const answer = await send<DeviceEventsResponse>('/api/audit/events', {
      method: 'POST',
      body: { events },
    });
    const answered = [...answer.recorded, ...answer.refused.map((refusal) => refusal.id)];
    await database.deviceEvents.bulkDelete(answered);
    if (events.length < BATCH || answered.length === 0) return;
  }
}
