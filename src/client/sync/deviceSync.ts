import { signal } from '@preact/signals';
import type { Mutation } from '../../shared/sync/protocol';
import { db } from '../db/database';
import { getClientId } from '../db/meta';
import { setDeviceEventSink } from '../privacy/deviceEvents';
import { sendDeviceEvents } from '../privacy/sendDeviceEvents';
import type { AppBuild } from './deviceReport';
import { edit, type RecordChange } from './edit';
import { type BlobUploadHook, SyncEngine } from './engine';
import { httpTransport } from './httpTransport';
import { SyncScheduler } from './scheduler';

type Send = Parameters<typeof httpTransport>[0];

/** The running sync of the signed-in user, or null when signed out. */
export const deviceSync = signal<SyncScheduler | null>(null);
let starting: Promise<SyncScheduler> | null = null;

/**
 * Starts syncing for the signed-in session; `send` is the session's authenticated request,
 * `build` the app's version that the device reports after each sync.
 */
export function startDeviceSync(send: Send, build: AppBuild): Promise<SyncScheduler> {
  starting ??= (async () => {
    const engine = await SyncEngine.open(db(), await getClientId(), httpTransport(send));
    engine.uploadBlobs = uploadWaitingPhotos(engine);
    engine.afterSync = async () => {
      await sendDeviceEvents(engine.database, send);
      // Advisory (a lazy chunk): a report that does not reach the server fails no sync.
      await import('./deviceReport')
        .then(({ sendDeviceReport }) => sendDeviceReport(engine.database, build, send))
        .catch(() => undefined);
    };
    setDeviceEventSink(async (event) => {
      await engine.database.deviceEvents.put(event);
    });
    const scheduler = new SyncScheduler(engine);
    deviceSync.value = scheduler;
    scheduler.start();
    return scheduler;
  })();
  return starting;
}

/**
 * The photo uploader of each sync run. Its code is a lazy chunk, loaded only once a photo
 * waits; it sends with the session's token (`apiRaw`).
 */
function uploadWaitingPhotos(engine: SyncEngine): BlobUploadHook {
  return async (onProgress) => {
    const waiting = await engine.database.blobs.where('state').equals('upload').count();
    if (waiting === 0) return;
    const [{ uploadPendingBlobs }, { apiRaw }] = await Promise.all([
      import('./blobsUpload'),
      import('../api/blobsHttp'),
    ]);
    await uploadPendingBlobs(apiRaw, engine.database, onProgress);
  };
}

export function stopDeviceSync(): void {
  setDeviceEventSink(null);
  deviceSync.value?.stop();
  deviceSync.value = null;
  starting = null;
}

/**
 * The one way features change data: the changes are saved as one local transaction and
 * queued for the server, then a sync is scheduled. Works offline.
 */
export async function saveChanges(changes: RecordChange[]): Promise<Mutation[]> {
  const scheduler = await (starting ?? Promise.reject(new Error('not signed in')));
  const mutations = await edit(scheduler.engine.device, changes);
  scheduler.afterEdit();
  return mutations;
}
