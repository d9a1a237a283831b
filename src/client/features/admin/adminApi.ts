import {
  type AuditFilter,
  AuditResponse,
  type CreateUserRequest,
  type CreateVillageRequest,
  type Device,
  type UpdateUserRequest,
  type UpdateVillageRequest,
} from '../../../shared/api/admin';
import { BackupList } from '../../../shared/api/backups';
import {
  type ClosePrivacyRequest,
  type CreatePrivacyRequest,
  ErasureResponse,
  PeopleResponse,
  PrivacyRequestResponse,
  PrivacyRequestsResponse,
} from '../../../shared/api/privacy';
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
import { api, withSession } from '../../api/authenticated';
import { ApiError, readJson, toApiError } from '../../api/http';

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
  backups: () => api<unknown>('/api/admin/backups').then((r) => BackupList.parse(r)),
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
  /** The audit log, newest first, filtered; `before` is the previous page's `nextBefore`. */
  audit: (filter: AuditFilter, before?: string) =>
    api<unknown>(`/api/admin/audit?${auditQuery(filter, before)}`).then((r) =>
      AuditResponse.parse(r),
    ),
  /** Saves the filtered log as a CSV file (the server audits the download). */
  downloadAudit: (filter: AuditFilter) =>
    download(`/api/admin/audit.csv?${auditQuery(filter)}`, 'audit.csv'),
  privacyRequests: () =>
    api<unknown>('/api/admin/privacy').then((r) => PrivacyRequestsResponse.parse(r).requests),
  findPeople: (q: string) =>
    api<unknown>(`/api/admin/privacy/people?${new URLSearchParams({ q })}`).then(
      (r) => PeopleResponse.parse(r).people,
    ),
  createPrivacyRequest: (body: CreatePrivacyRequest) =>
    api<unknown>('/api/admin/privacy', { method: 'POST', body }).then(
      (r) => PrivacyRequestResponse.parse(r).request,
    ),
  closePrivacyRequest: (id: string, body: ClosePrivacyRequest) =>
    api<unknown>(`/api/admin/privacy/${encodeURIComponent(id)}/close`, {
      method: 'POST',
      body,
    }),
  erasePerson: (requestId: string) =>
    api<unknown>(`/api/admin/privacy/${encodeURIComponent(requestId)}/erase`, {
      method: 'POST',
    }).then((r) => ErasureResponse.parse(r)),
  /** A second handler's approval of an access request, needed before its export. */
  approvePrivacyRequest: (id: string) =>
    api<unknown>(`/api/admin/privacy/${encodeURIComponent(id)}/approve`, { method: 'POST' }).then(
      (r) => PrivacyRequestResponse.parse(r).request,
    ),
  /** The access request's file: everything held about the person. */
  downloadPersonData: (requestId: string, personId: string) =>
    download(
      `/api/admin/privacy/${encodeURIComponent(requestId)}/export`,
      `person-${personId}.json`,
    ),
  /** Open conflicts, newest first, paged like the quarantine. */
  conflicts: (before?: string) =>
    api<unknown>(`/api/admin/conflicts?${pageQuery(before)}`).then((r) =>
      ConflictsResponse.parse(r),
    ),
};

/** The audit filters as a query string, empty ones left out. */
export function auditQuery(filter: AuditFilter, before?: string, limit = AUDIT_PAGE_SIZE): string {
  const query = new URLSearchParams({ limit: String(limit) });
  for (const [key, value] of Object.entries(filter)) {
    if (typeof value === 'string' && value.trim() !== '') query.set(key, value.trim());
  }
  if (before) query.set('before', before);
  return query.toString();
}

export const AUDIT_PAGE_SIZE = 100;

/** Fetches a file with the session and hands it to the browser as a download. */
async function download(path: string, filename: string): Promise<void> {
  const blob = await withSession(async (token) => {
    let response: Response;
    try {
      response = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
    } catch (error) {
      throw new ApiError(0, 'unreachable', String(error));
    }
    if (!response.ok) throw toApiError(response, await readJson(response));
    return response.blob();
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

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
