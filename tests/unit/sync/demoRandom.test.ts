// The demo's seeded randomness: the same seed gives the same tambon.
import { describe, expect, it } from 'vitest';
import { generateTambon } from '../../../src/server/demo/generator';
import { seededRandom, weighted } from '../../../src/server/demo/random';

describe('demo randomness', () => {
  it('repeats a sequence for one seed and differs for another', () => {
    const take = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
    for (const value of take(7)) expect(value >= 0 && value < 1).toBe(true);
  });

  it('picks by weight', () => {
    expect(weighted(() => 0.1, ['a', 'b'], [0.5, 0.5])).toBe('a');
    expect(weighted(() => 0.9, ['a', 'b'], [0.5, 0.5])).toBe('b');
  });

  it('generates the same tambon from the same options', () => {
    const options = {
      seed: 3,
      households: 4,
      people: 9,
      villages: [{ id: '01900000-0000-7000-8000-0000000000aa', mooNo: 1 }],
      surveyorId: '01900000-0000-7000-8000-0000000000bb',
    };
    const first = generateTambon(options);
    expect(generateTambon(options)).toEqual(first);
    expect(first).toHaveLength(4);
    expect(first.flatMap((home) => home.members)).toHaveLength(9);
  });
});
