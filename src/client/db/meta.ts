import { uuidv7 } from '../../shared/ids';
import { db, type MetaKey, type MetaValues } from './database';

export async function getMeta<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined> {
  const row = await db().meta.get(key);
  return row?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void> {
  await db().meta.put({ key, value });
}

export async function deleteMeta(...keys: MetaKey[]): Promise<void> {
  await db().meta.bulkDelete(keys);
}

/** This device's id: generated once (uuidv7), then kept for the life of the browser profile. */
export async function getClientId(): Promise<string> {
  const database = db();
  return database.transaction('rw', database.meta, async () => {
    const row = await database.meta.get('clientId');
    if (typeof row?.value === 'string') return row.value;
    const clientId = uuidv7();
    await database.meta.put({ key: 'clientId', value: clientId });
    return clientId;
  });
}
