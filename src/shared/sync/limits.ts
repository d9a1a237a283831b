/**
 * Limits of one push and of one record, kept apart from the zod schemas in protocol.ts so the
 * app can use them without loading zod on first paint.
 */
export const MAX_PUSH_MUTATIONS = 500;
export const MAX_PUSH_BYTES = 1024 * 1024;

/**
 * Bounds of a record, checked by the server before anything is stored (past one, the mutation
 * is quarantined `too_large` or `too_deep`). Bytes are those of a value's JSON in UTF-8. A
 * record syncs to every device of its village, so one record must never be able to fill them.
 */
/** Nesting of any field value: `[]` and `{}` are 1 deep, a list of photos 2. */
export const MAX_FIELD_DEPTH = 8;
/** Any one field value. The longest known field (2,000 Thai characters of notes) is ~6 kB. */
export const MAX_FIELD_BYTES = 64 * 1024;
/** Fields this server does not know (a newer app's), per record: how many, and their bytes. */
export const MAX_UNKNOWN_FIELDS = 32;
export const MAX_UNKNOWN_FIELD_BYTES = 16 * 1024;
/** All the fields of a record together. */
export const MAX_RECORD_BYTES = 256 * 1024;
