import type { MeResponse } from '../../shared/api/auth';
import { api } from '../api/authenticated';
import { type CachedProfile, db, type StoredSession } from '../db/database';
import { getMeta, setMeta } from '../db/meta';
import { profile, session } from './state';

let refreshing: Promise<void> | null = null;

/** Refreshes the user, organization and villages from `/api/me`; offline it quietly does nothing. */
export function refreshProfile(): Promise<void> {
  refreshing ??= loadProfile().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function loadProfile(): Promise<void> {
  const signedIn = session.value;
  if (!signedIn) return;
  let me: MeResponse;
  try {
    me = await api<MeResponse>('/api/me');
  } catch {
    return; // Offline, server down or signed out: keep working with what the device has.
  }
  const { id, username, name, role, villageIds } = me.user;
  const updated: StoredSession = { ...signedIn, user: { id, username, name, role, villageIds } };
  const cached: CachedProfile = {
    user: me.user,
    organization: me.organization,
    villages: me.villages,
    serverTime: me.serverTime,
    fetchedAt: new Date().toISOString(),
    devicePolicy: me.devicePolicy,
  };
  // Only while the same session is stored: a logout during the request must stay a logout.
  const database = db();
  const stored = await database.transaction('rw', database.meta, async () => {
    if ((await getMeta('session'))?.token !== signedIn.token) return false;
    await setMeta('session', updated);
    await setMeta('profile', cached);
    return true;
  });
  if (stored && session.value?.token === signedIn.token) {
    session.value = updated;
    profile.value = cached;
  }
}
