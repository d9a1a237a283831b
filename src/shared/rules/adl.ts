/** Thai Barthel ADL on a 20-point scale (Dept. of Health), docs/domain.md §4. */

export const ADL_ITEM_MAX = {
  feeding: 2,
  grooming: 1,
  transfer: 3,
  toilet: 2,
  mobility: 3,
  dressing: 2,
  stairs: 2,
  bathing: 1,
  bowels: 2,
  bladder: 2,
} as const;

export type AdlItem = keyof typeof ADL_ITEM_MAX;
export const ADL_ITEMS = Object.keys(ADL_ITEM_MAX) as AdlItem[];
export type AdlItems = Partial<Record<AdlItem, number>>;

export const DEPENDENCY_GROUPS = ['social', 'homebound', 'bedbound'] as const;
export type DependencyGroup = (typeof DEPENDENCY_GROUPS)[number];

/** MoPH codes of the groups: ติดสังคม 1B1280, ติดบ้าน 1B1281, ติดเตียง 1B1282. */
export const DEPENDENCY_GROUP_CODE: Record<DependencyGroup, string> = {
  social: '1B1280',
  homebound: '1B1281',
  bedbound: '1B1282',
};

export function isValidAdlItem(item: AdlItem, value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= ADL_ITEM_MAX[item];
}

/** The total of the 10 items, or null while any item is missing or out of range. */
export function adlScore(items: AdlItems): number | null {
  let total = 0;
  for (const item of ADL_ITEMS) {
    const value = items[item];
    if (value === undefined || !isValidAdlItem(item, value)) return null;
    total += value;
  }
  return total;
}

/** 12–20 ติดสังคม, 5–11 ติดบ้าน, 0–4 ติดเตียง. */
export function dependencyGroup(score: number): DependencyGroup {
  if (score >= 12) return 'social';
  if (score >= 5) return 'homebound';
  return 'bedbound';
}
