import type { User } from '../../shared/model/user';
import type { UserRecord } from '../store';

/** The user as the API shows it: never the hash, never the bookkeeping columns. */
export function publicUser(user: UserRecord): User {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    role: user.role,
    villageIds: user.villageIds,
    disabled: user.disabled,
  };
}
