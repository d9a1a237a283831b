import { openKysely } from './dialect';
import { KyselyStore } from './kyselyStore';
import type { Store, StoreConfig } from './types';

export { dropPostgresSchema } from './dialect';
export * from './types';

/** Opens the database; call `migrate()` before use. */
export async function createStore(config: StoreConfig): Promise<Store> {
  const db = await openKysely(config);
  try {
    return await KyselyStore.open(config.kind, db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
