import type { Page } from '@playwright/test';

/**
 * What an attacker with a copy of the browser profile reads: every key and value of every store
 * of every IndexedDB database of the origin, through the raw IndexedDB API (not the app's
 * Dexie, which would open sealed values), serialized as `key:value`; bytes and blobs decoded as
 * UTF-8, so plain text stored as bytes is found too.
 */
export async function scanIndexedDb(page: Page): Promise<{ databases: string[]; text: string }> {
  return page.evaluate(async () => {
    const decoder = new TextDecoder('utf-8', { fatal: false });
    const serialize = async (value: unknown): Promise<string> => {
      if (value instanceof Blob) return decoder.decode(await value.arrayBuffer());
      if (ArrayBuffer.isView(value)) {
        return decoder.decode(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      }
      if (value instanceof ArrayBuffer) return decoder.decode(value);
      if (Array.isArray(value)) return (await Promise.all(value.map(serialize))).join(',');
      if (value && typeof value === 'object') {
        const parts = await Promise.all(
          Object.entries(value).map(async ([key, inner]) => `${key}:${await serialize(inner)}`),
        );
        return `{${parts.join(',')}}`;
      }
      return String(value);
    };
    const request = <T>(req: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const databases: string[] = [];
    const parts: string[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      databases.push(info.name);
      const database = await request(indexedDB.open(info.name));
      for (const store of Array.from(database.objectStoreNames)) {
        const values = await request(database.transaction(store).objectStore(store).getAll());
        const keys = await request(database.transaction(store).objectStore(store).getAllKeys());
        parts.push(`${info.name}/${store}:${await serialize(keys)}${await serialize(values)}`);
      }
      database.close();
    }
    return { databases, text: parts.join('\n') };
  });
}

/** Every stored value of an object store of one database, raw (sealed values stay sealed). */
export async function readStore(page: Page, database: string, store: string): Promise<unknown[]> {
  return page.evaluate(
    async ({ database, store }) => {
      const request = <T>(req: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      const opened = await request(indexedDB.open(database));
      try {
        return await request(opened.transaction(store).objectStore(store).getAll());
      } finally {
        opened.close();
      }
    },
    { database, store },
  );
}
