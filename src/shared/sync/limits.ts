/**
 * Limits of one push, kept apart from the zod schemas in protocol.ts so the app can use them
 * without loading zod on first paint.
 */
export const MAX_PUSH_MUTATIONS = 500;
export const MAX_PUSH_BYTES = 1024 * 1024;
