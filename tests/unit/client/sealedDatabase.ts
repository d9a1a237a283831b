import { TambonDatabase } from '../../../src/client/db/database';
import { sealingWith } from '../../../src/client/db/sealing';
import type { FieldCipher } from '../../../src/client/security/fieldCipher';

/** A device database sealed with the cipher `current` gives; every read and write throws while it gives none (locked). */
export function openSealedDatabase(
  name: string,
  current: () => FieldCipher | null,
): TambonDatabase {
  return new TambonDatabase(name, {
    sealing: sealingWith(() => {
      const cipher = current();
      if (!cipher) throw new Error('locked');
      return cipher;
    }),
  });
}
