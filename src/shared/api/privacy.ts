// PDPA data-subject requests (docs/domain.md §5 item 9) under /api/admin/privacy: admins and
// supervisors (`canHandlePrivacyRequests`), for people of the villages they may see.
import { z } from 'zod';
import { IsoDate } from '../model/household';
import { Uuid } from '../model/organization';
import { TITLE_PREFIXES } from '../model/person';

/** A person's title as its code; screens print its label in the reader's language. */
export const PersonTitle = z.enum(TITLE_PREFIXES);
export type PersonTitle = z.infer<typeof PersonTitle>;

export const PRIVACY_REQUEST_KINDS = ['access', 'rectification', 'erasure'] as const;
export const PrivacyRequestKind = z.enum(PRIVACY_REQUEST_KINDS);
export type PrivacyRequestKind = z.infer<typeof PrivacyRequestKind>;

/** PDPA s.30: a request is answered within 30 days of receipt. */
export const PRIVACY_DUE_DAYS = 30;

/** What an erasure leaves where a value was, in field history, conflicts and quarantine. */
export const ERASED_VALUE = { erased: true } as const;

export function isErasedValue(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && (value as { erased?: unknown }).erased === true
  );
}

/** `receivedOn` + 30 days, as an ISO date (calendar days, no time zone involved). */
export function privacyDueOn(receivedOn: string): string {
  const day = new Date(`${receivedOn}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + PRIVACY_DUE_DAYS);
  return day.toISOString().slice(0, 10);
}

/** Open and past its due date on `today` (an ISO date). */
export function isOverdue(request: { status: string; dueOn: string }, today: string): boolean {
  return request.status === 'open' && request.dueOn < today;
}

export const CreatePrivacyRequest = z.object({
  personId: Uuid,
  kind: PrivacyRequestKind,
  receivedOn: IsoDate,
  requesterName: z.string().trim().min(1).max(200),
  requesterContact: z.string().trim().max(200).default(''),
  note: z.string().trim().max(2000).default(''),
});
export type CreatePrivacyRequest = z.input<typeof CreatePrivacyRequest>;

export const ClosePrivacyRequest = z.object({
  outcome: z.enum(['done', 'refused']),
  note: z.string().trim().max(2000).default(''),
});
export type ClosePrivacyRequest = z.input<typeof ClosePrivacyRequest>;

export const PrivacyRequest = z.object({
  id: Uuid,
  personId: Uuid,
  /** The person's first and last name when the request was taken in (kept after an erasure). */
  personName: z.string(),
  personTitle: PersonTitle.nullable(),
  villageId: Uuid,
  kind: PrivacyRequestKind,
  receivedOn: IsoDate,
  dueOn: IsoDate,
  requesterName: z.string(),
  requesterContact: z.string(),
  note: z.string(),
  status: z.enum(['open', 'closed']),
  outcome: z.enum(['done', 'refused']).nullable(),
  closingNote: z.string().nullable(),
  createdBy: Uuid,
  createdAt: z.string(),
  closedBy: Uuid.nullable(),
  closedAt: z.string().nullable(),
  erasedAt: z.string().nullable(),
  /**
   * An access request's approval by a second handler (not the one who took it in): the
   * person's data can be exported only once it is approved, and only while it is open.
   */
  approvedBy: Uuid.nullable(),
  approvedAt: z.string().nullable(),
  /** Open and past `dueOn` (server's date). */
  overdue: z.boolean(),
});
export type PrivacyRequest = z.infer<typeof PrivacyRequest>;

export const PrivacyRequestsQuery = z.object({
  status: z.enum(['open', 'closed', 'all']).default('all'),
});

/** Open first (earliest due first), then closed (latest first). */
export const PrivacyRequestsResponse = z.object({ requests: z.array(PrivacyRequest) });
export type PrivacyRequestsResponse = z.infer<typeof PrivacyRequestsResponse>;

export const PrivacyRequestResponse = z.object({ request: PrivacyRequest });

/** The person picker: by name, national ID or record id, in the user's villages. */
export const PeopleQuery = z.object({ q: z.string().trim().min(1).max(100) });

export const PersonMatch = z.object({
  id: Uuid,
  villageId: Uuid,
  /** First and last name; the title apart. */
  name: z.string(),
  title: PersonTitle.nullable(),
  /** Masked unless the role sees whole IDs. */
  nationalId: z.string().nullable(),
});
export type PersonMatch = z.infer<typeof PersonMatch>;

export const PeopleResponse = z.object({ people: z.array(PersonMatch) });
export type PeopleResponse = z.infer<typeof PeopleResponse>;

export const ErasureResponse = z.object({
  request: PrivacyRequest,
  /** The sensitive fields that held a value and were purged. */
  fields: z.array(z.string()),
  /** Photos deleted from the server (referenced by nothing else). */
  blobsDeleted: z.number(),
  /** The person's record seq after the erasure: devices that pull past it are clean. */
  seq: z.number(),
});
export type ErasureResponse = z.infer<typeof ErasureResponse>;
