import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { TambonDatabase } from '../../../../src/client/db/database';
import { sealingWith } from '../../../../src/client/db/sealing';
import { createFieldCipher } from '../../../../src/client/security/fieldCipher';
import { newDataKey } from '../../../../src/client/security/keyring';
import { openBlob, sealBlob } from '../../../../src/client/sync/blobs';

const NAME = 'tambon-field-sealed-blobs-test';
const PHOTO_BYTES = new TextEncoder().encode('an ID card photo: 1101700203451');

afterEach(async () => {
  await Dexie.delete(NAME);
});

describe('photos at rest', () => {
  it('are stored sealed and opened back to the same bytes and type', async () => {
    const cipher = createFieldCipher(newDataKey());
    const database = new TambonDatabase(NAME, { sealing: sealingWith(() => cipher) });
    const photo = new Blob([PHOTO_BYTES], { type: 'image/jpeg' });

    const stored = await sealBlob(database, photo);
    const storedBytes = new Uint8Array(await stored.arrayBuffer());
    expect(storedBytes).not.toEqual(PHOTO_BYTES);
    expect(new TextDecoder().decode(storedBytes)).not.toContain('1101700203451');

    const opened = await openBlob(database, stored, 'image/jpeg');
    expect(new Uint8Array(await opened.arrayBuffer())).toEqual(PHOTO_BYTES);
    expect(opened.type).toBe('image/jpeg');

    const stranger = createFieldCipher(newDataKey());
    const other = new TambonDatabase(NAME, { sealing: sealingWith(() => stranger) });
    await expect(openBlob(other, stored)).rejects.toThrow();
    database.close();
    other.close();
  });

  it('stay as they are in a database without a cipher', async () => {
    const database = new TambonDatabase(NAME);
    const photo = new Blob([PHOTO_BYTES], { type: 'image/jpeg' });
    expect(await sealBlob(database, photo)).toBe(photo);
    expect(await openBlob(database, photo)).toBe(photo);
    database.close();
  });
});
