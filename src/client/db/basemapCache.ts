// The name of a user's basemap cache and its deletion, apart from the copy's reading
// (basemapCopy.ts, which brings zod): the lock screen's sign-out deletes the copy and stays small.

export const basemapCacheName = (userId: string) => `tambon-basemap-${userId}`;

/** Deletes this user's basemap copy (sign-out, remote wipe, or the person's choice). */
export async function deleteBasemapCopy(userId: string): Promise<void> {
  if (typeof caches !== 'undefined') await caches.delete(basemapCacheName(userId));
}
