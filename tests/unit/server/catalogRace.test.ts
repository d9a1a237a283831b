import { describe, expect, it } from 'vitest';
import { type Connection, outlastCatalogRace } from '../../../src/server/store/store';

const connection = { migrationSchema: 'mine' } as Connection;
const missing = (schema: string) =>
  Object.assign(new Error(`schema "${schema}" does not exist`), { code: '3F000' });

describe('a schema dropped elsewhere while the migrator lists tables', () => {
  it('is tried again when another schema vanished', async () => {
    let calls = 0;
    const result = await outlastCatalogRace(connection, async () => {
      calls += 1;
      if (calls < 3) throw missing('test_other');
      return 'migrated';
    });
    expect(result).toBe('migrated');
    expect(calls).toBe(3);
  });

  it('fails at once when its own schema is missing, or for any other error', async () => {
    let calls = 0;
    const own = outlastCatalogRace(connection, async () => {
      calls += 1;
      throw missing('mine');
    });
    await expect(own).rejects.toThrow('schema "mine" does not exist');
    expect(calls).toBe(1);
    await expect(
      outlastCatalogRace(connection, async () => {
        throw new Error('syntax error');
      }),
    ).rejects.toThrow('syntax error');
  });

  it('gives up after five tries', async () => {
    let calls = 0;
    await expect(
      outlastCatalogRace(connection, async () => {
        calls += 1;
        throw missing('test_other');
      }),
    ).rejects.toThrow('test_other');
    expect(calls).toBe(5);
  });
});
