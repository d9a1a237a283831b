import { describe, expect, it } from 'vitest';
import { flagsWithAnswers } from '../../../../src/client/features/search/FilterPanel';

describe('flagsWithAnswers: no vulnerable-group filter a device cannot work out', () => {
  const all = ['elderly', 'disabled', 'bedridden', 'missingData', 'eligibleNotReceiving'] as const;

  it('offers every flag to a device with the health and disability answers', () => {
    expect(flagsWithAnswers(all, true)).toEqual([...all]);
  });

  it("offers an admin's device only the flags age decides", () => {
    expect(flagsWithAnswers(all, false)).toEqual(['elderly']);
  });
});
