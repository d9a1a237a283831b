import { useEffect, useState } from 'preact/hooks';
import { online } from '../../api/online';
import { mayReadAdmin } from '../../session/roles';
import { currentUser } from '../../session/state';
import { t } from '../../ui/i18n';
import { adminApi } from '../admin/public';

let cached: Map<string, string> | null = null;

/**
 * Names of the users a conflict or history names. Supervisors and admins may read the user
 * list, so their devices ask the server once when online; field staff see only themselves
 * ("คุณ") and "ผู้ใช้อื่น" for others, as their role may not list other accounts.
 */
export function useUserNames(): Map<string, string> {
  const [names, setNames] = useState<Map<string, string>>(cached ?? new Map());
  const mayList = mayReadAdmin.value;
  const isOnline = online.value;
  useEffect(() => {
    if (!mayList || !isOnline || cached) return;
    let stale = false;
    adminApi
      .users()
      .then((users) => {
        cached = new Map(users.map((user) => [user.id, user.name]));
        if (!stale) setNames(cached);
      })
      .catch(() => undefined);
    return () => {
      stale = true;
    };
  }, [mayList, isOnline]);
  const me = currentUser.value;
  if (!me) return names;
  return new Map([...names, [me.id, t('conflicts.youNamed', { name: me.name })]]);
}
