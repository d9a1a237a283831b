import { describe, expect, it } from 'vitest';
import { oneAtATime } from '../../../src/server/basemap/oneAtATime';

describe('oneAtATime: one MBTiles conversion at a time', () => {
  it('refuses a task started while another runs, and takes the next one after it', async () => {
    const alone = oneAtATime(() => new Error('busy'));
    let finish: (value: string) => void = () => {};
    const first = alone(() => new Promise<string>((resolve) => (finish = resolve)));
    await expect(alone(async () => 'second')).rejects.toThrow('busy');
    finish('first');
    expect(await first).toBe('first');
    expect(await alone(async () => 'third')).toBe('third');
  });

  it('is free again after a task that failed', async () => {
    const alone = oneAtATime(() => new Error('busy'));
    await expect(
      alone(async () => {
        throw new Error('refused file');
      }),
    ).rejects.toThrow('refused file');
    expect(await alone(async () => 'next')).toBe('next');
  });
});
