import { db } from '../../db/database';
import { useLiveQuery } from '../../ui/useLiveQuery';

/** Open conflicts on this device, for the sync menu item. */
export function useOpenConflictCount(userId: string | undefined): number {
  return useLiveQuery(
    async () =>
      userId
        ? db()
            .conflicts.filter((row) => row.resolvedAt === null)
            .count()
        : Promise.resolve(0),
    [userId],
    0,
  );
}
