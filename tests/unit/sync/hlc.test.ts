import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clampHlc,
  compareHlc,
  createClock,
  formatHlc,
  parseHlc,
} from '../../../src/shared/sync/hlc';

const CLIENT_A = 'clientAAAA';
const CLIENT_B = 'clientBBBB';

describe('HLC', () => {
  it('formats as ISO time, 4-hex counter and clientId, and parses back', () => {
    const hlc = formatHlc({
      millis: Date.parse('2026-11-21T05:19:00.000Z'),
      counter: 10,
      clientId: CLIENT_A,
    });
    expect(hlc).toBe('2026-11-21T05:19:00.000Z-000a-clientAAAA');
    expect(parseHlc(hlc)).toEqual({
      millis: Date.parse('2026-11-21T05:19:00.000Z'),
      counter: 10,
      clientId: CLIENT_A,
    });
    expect(parseHlc('2026-11-21-0000-x')).toBeNull();
  });

  it('never goes backwards when the wall clock does', () => {
    let wall = 1_000_000;
    const clock = createClock(CLIENT_A, { now: () => wall });
    const first = clock.next();
    wall -= 60_000;
    const second = clock.next();
    expect(compareHlc(second, first)).toBeGreaterThan(0);
    expect(parseHlc(second)?.counter).toBe(1);
  });

  it('issues later HLCs than any it observed, even from a clock far ahead', () => {
    const clock = createClock(CLIENT_A, { now: () => 1_000_000 });
    const remote = formatHlc({ millis: 9_000_000, counter: 3, clientId: CLIENT_B });
    clock.observe(remote);
    expect(compareHlc(clock.next(), remote)).toBeGreaterThan(0);
  });

  it('uses the server offset as its physical time', () => {
    const clock = createClock(CLIENT_A, { now: () => 1_000, serverOffsetMs: 5_000 });
    expect(parseHlc(clock.next())?.millis).toBe(6_000);
  });

  it('continues after a restart from a persisted HLC', () => {
    const before = createClock(CLIENT_A, { now: () => 5_000 });
    const last = before.next();
    const after = createClock(CLIENT_A, { now: () => 1_000, restore: last });
    expect(compareHlc(after.next(), last)).toBeGreaterThan(0);
  });

  it('is strictly increasing for any sequence of wall times and observations', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({
              kind: fc.constant('tick' as const),
              wall: fc.integer({ min: 0, max: 4e12 }),
            }),
            fc.record({
              kind: fc.constant('observe' as const),
              millis: fc.integer({ min: 0, max: 4e12 }),
              counter: fc.integer({ min: 0, max: 0xffff }),
            }),
          ),
          { maxLength: 200 },
        ),
        (steps) => {
          let wall = 0;
          const clock = createClock(CLIENT_A, { now: () => wall });
          let previous = '';
          for (const step of steps) {
            if (step.kind === 'observe') {
              const remote = formatHlc({
                millis: step.millis,
                counter: step.counter,
                clientId: CLIENT_B,
              });
              clock.observe(remote);
              const next = clock.next();
              expect(compareHlc(next, remote)).toBeGreaterThan(0);
              expect(compareHlc(next, previous)).toBeGreaterThan(0);
              previous = next;
            } else {
              wall = step.wall;
              const next = clock.next();
              expect(compareHlc(next, previous)).toBeGreaterThan(0);
              previous = next;
            }
          }
        },
      ),
      { seed: 20261121, numRuns: 200 },
    );
  });

  it('clamps an HLC more than a day ahead of the server and flags it', () => {
    const serverNow = Date.parse('2026-11-21T00:00:00.000Z');
    const ahead = formatHlc({ millis: serverNow + 2 * 86_400_000, counter: 0, clientId: CLIENT_A });
    expect(clampHlc(ahead, serverNow)).toEqual({
      hlc: formatHlc({ millis: serverNow, counter: 0, clientId: CLIENT_A }),
      clamped: true,
    });
    const slightlyAhead = formatHlc({
      millis: serverNow + 3_600_000,
      counter: 0,
      clientId: CLIENT_A,
    });
    expect(clampHlc(slightlyAhead, serverNow)).toEqual({ hlc: slightlyAhead, clamped: false });
  });

  it('lifts an HLC from before 2020 (year 0000 included) to 2020-01-01 and flags it', () => {
    const serverNow = Date.parse('2026-11-21T00:00:00.000Z');
    const floor = formatHlc({ millis: Date.UTC(2020, 0, 1), counter: 3, clientId: CLIENT_A });
    for (const iso of ['0000-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z']) {
      expect(clampHlc(`${iso}-0003-${CLIENT_A}`, serverNow)).toEqual({ hlc: floor, clamped: true });
    }
    const recent = formatHlc({ millis: Date.UTC(2020, 0, 2), counter: 0, clientId: CLIENT_A });
    expect(clampHlc(recent, serverNow)).toEqual({ hlc: recent, clamped: false });
  });
});
