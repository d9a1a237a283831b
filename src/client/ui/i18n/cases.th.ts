/** Thai messages of the cases screens (spread into `th.ts`). */
export const casesTh = {} as const;
