/** Thai messages of the search screens (spread into `th.ts`). */
export const searchTh = {} as const;
