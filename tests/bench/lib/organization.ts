// What the server benches make in a fresh store before they measure: the ten villages of the
// bench tambon, a user, and device sessions made directly (as tests/integration's openSession
// does, without paying for a password check).
import { hashToken, newSessionToken } from '../../../src/server/auth/tokens';
import type { Store } from '../../../src/server/store';
import { uuidv7 } from '../../../src/shared/ids';
import { type Village, villageCode } from '../../../src/shared/model/organization';
import type { Role } from '../../../src/shared/model/user';
import { newClientId } from './device';

export async function benchVillages(store: Store, at: string): Promise<Village[]> {
  const villages: Village[] = [];
  for (let mooNo = 1; mooNo <= 10; mooNo++) {
    villages.push(
      await store.createVillage(
        { id: uuidv7(), mooNo, name: `บ้านทดสอบ ${mooNo}`, code: villageCode('451804', mooNo) },
        at,
      ),
    );
  }
  return villages;
}

export function benchUser(
  store: Store,
  user: { username: string; name: string; role: Role; villageIds: string[] },
  at: string,
) {
  return store.createUser({ id: uuidv7(), ...user, passwordHash: 'bench-no-login', at });
}

/** A device of `userId` with a session valid for a day. */
export async function benchSession(
  store: Store,
  userId: string,
  name: string,
  at: string,
): Promise<{ clientId: string; token: string }> {
  const clientId = newClientId();
  const token = newSessionToken();
  await store.saveDevice({ clientId, userId, name, at });
  await store.createSession({
    tokenHash: hashToken(token),
    userId,
    clientId,
    createdAt: at,
    expiresAt: new Date(Date.now() + 24 * 60 * 60_000).toISOString(),
    lastUsedAt: at,
  });
  return { clientId, token };
}
