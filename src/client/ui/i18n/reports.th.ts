/** Thai messages of the reports screens (spread into `th.ts`). */
export const reportsTh = {} as const;
