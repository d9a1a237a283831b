import type {
  CreateUserRequest,
  CreateVillageRequest,
  Device,
  UpdateUserRequest,
  UpdateVillageRequest,
} from '../../../shared/api/admin';
import {
  type AcceptQuarantineRequest,
  AcceptQuarantineResponse,
  ConflictsResponse,
  QuarantineResponse,
  type RejectQuarantineRequest,
  RejectQuarantineResponse,
} from '../../../shared/api/syncAdmin';
import type { Village } from '../../../shared/model/organization';
import type { User } from '../../../shared/model/user';
import { api } from '../../app/session';

/** The admin endpoints (src/shared/api/admin.ts). Writes answer nothing we rely on: lists are reloaded. */
export const adminApi = {
  users: () => api<{ users: User[] }>('/api/admin/users').then((r) => r.users),
  createUser: (body: CreateUserRequest) =>
    api<unknown>('/api/admin/users', { method: 'POST', body }),
  updateUser: (id: string, body: UpdateUserRequest) =>
    api<unknown>(`/api/admin/users/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  resetPassword: (id: string, password: string) =>
    api<unknown>(`/api/admin/users/${encodeURIComponent(id)}/password`, {
      method: 'POST',
      body: { password },
    }),
  villages: () => api<{ villages: Village[] }>('/api/admin/villages').then((r) => r.villages),
  createVillage: (body: CreateVillageRequest) =>
    api<unknown>('/api/admin/villages', { method: 'POST', body }),
  updateVillage: (id: string, body: UpdateVillageRequest) =>
    api<unknown>(`/api/admin/villages/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  devices: () => api<{ devices: Device[] }>('/api/admin/devices').then((r) => r.devices),
  revokeDevice: (clientId: string) =>
    api<unknown>(`/api/admin/devices/${encodeURIComponent(clientId)}/revoke`, { method: 'POST' }),
  /** Open quarantine entries, newest first; `before` is the previous page's `nextBefore`. */
  quarantine: (before?: string) =>
    api<unknown>(`/api/admin/quarantine?${pageQuery(before)}`).then((r) =>
      QuarantineResponse.parse(r),
    ),
  acceptQuarantine: (id: string, body: AcceptQuarantineRequest) =>
    api<unknown>(`/api/admin/quarantine/${encodeURIComponent(id)}/accept`, {
      method: 'POST',
      body,
    }).then((r) => AcceptQuarantineResponse.parse(r)),
  rejectQuarantine: (id: string, body: RejectQuarantineRequest) =>
    api<unknown>(`/api/admin/quarantine/${encodeURIComponent(id)}/reject`, {
      method: 'POST',
      body,
    }).then((r) => RejectQuarantineResponse.parse(r)),
  /** Open conflicts, newest first, paged like the quarantine. */
  conflicts: (before?: string) =>
    api<unknown>(`/api/admin/conflicts?${pageQuery(before)}`).then((r) =>
      ConflictsResponse.parse(r),
    ),
};

/** The size of one page of the review lists. */
export const REVIEW_PAGE_SIZE = 100;

function pageQuery(before?: string): string {
  const query = new URLSearchParams({ status: 'open', limit: String(REVIEW_PAGE_SIZE) });
  if (before) query.set('before', before);
  return query.toString();
}

/** The fields of `next` that differ from `current` (arrays compared as sets). */
export function changedFields<T extends object>(
  current: { [K in keyof T]?: unknown },
  next: T,
): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    const a = current[key];
    const b = next[key];
    const same =
      Array.isArray(a) && Array.isArray(b)
        ? a.length === b.length && b.every((value) => a.includes(value))
        : a === b;
    if (!same) changes[key] = b;
  }
  return changes;
}
