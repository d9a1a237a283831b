/** Thai messages of the caseForms screens (spread into `th.ts`). */
export const caseFormsTh = {} as const;
