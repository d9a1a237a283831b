import { db } from '../db/database';
import { logExport } from '../privacy/deviceEvents';
import { getAccount } from './accounts';
import { createFieldCipher } from './fieldCipher';
import type { WrappedKey } from './keyring';

/** What is still only on this device: edits not acknowledged, photos not uploaded. */
export async function countUnsynced(): Promise<{ edits: number; photos: number }> {
  const database = db();
  const [edits, photos] = await Promise.all([
    database.outbox.count(),
    database.blobs.where('state').equals('upload').count(),
  ]);
  return { edits, photos };
}

/**
 * The unsynced edits and photos as one file sealed under the user's data key, with the key
 * wrapped by their password: opens with that password only, on any device (docs/architecture.md §4
 * "Export unsynced data"). Returns the file; the caller offers it as a download.
 */
export async function exportUnsynced(userId: string): Promise<File> {
  const database = db();
  const account = await getAccount(userId);
  const cipher = database.cipher?.();
  if (!account || !cipher) throw new Error('The device is locked');
  const [outbox, pending, blobs] = await Promise.all([
    database.outbox.orderBy('n').toArray(),
    database.pending.toArray(),
    database.blobs.where('state').equals('upload').toArray(),
  ]);
  const photos = await Promise.all(
    blobs.map(async (row) => ({
      sha256: row.sha256,
      mime: row.mime,
      base64: toBase64(new Uint8Array(await (await openPhoto(row.blob)).arrayBuffer())),
    })),
  );
  const createdAt = new Date().toISOString();
  const sealed = cipher.seal({ outbox, pending, photos });
  const file = {
    format: 'tambon-field-unsynced',
    version: 1,
    userId,
    username: account.username,
    clientId: account.clientId,
    createdAt,
    passwordKey: encodeWrappedKey(account.passwordKey),
    sealed: toBase64(sealed),
  };
  await logExport('unsynced-file', outbox.length + photos.length);
  const name = `tambon-field-${account.username}-${createdAt.slice(0, 19).replace(/[:T]/g, '-')}.tfx`;
  return new File([JSON.stringify(file)], name, { type: 'application/json' });
}

/** Photos at rest are sealed too (see sync/blobs.ts); this opens one for the file. */
async function openPhoto(blob: Blob): Promise<Blob> {
  const { openBlob } = await import('../sync/blobs');
  return openBlob(db(), blob);
}

function encodeWrappedKey(key: WrappedKey) {
  return {
    salt: toBase64(key.salt),
    iterations: key.iterations,
    iv: toBase64(key.iv),
    wrapped: toBase64(key.wrapped),
  };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Opens an exported file with the user's password (a supervisor's import, and the tests). */
export async function openUnsyncedFile(
  text: string,
  password: string,
): Promise<{ userId: string; clientId: string; contents: unknown } | null> {
  const file = JSON.parse(text);
  const { unwrapDataKey } = await import('./keyring');
  const key = await unwrapDataKey(
    {
      salt: fromBase64(file.passwordKey.salt),
      iterations: file.passwordKey.iterations,
      iv: fromBase64(file.passwordKey.iv),
      wrapped: fromBase64(file.passwordKey.wrapped),
    },
    password,
  );
  if (!key) return null;
  const contents = createFieldCipher(key).open(fromBase64(file.sealed));
  return { userId: file.userId, clientId: file.clientId, contents };
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
