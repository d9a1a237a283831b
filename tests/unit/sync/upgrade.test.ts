import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../../src/shared/sync/protocol';
import { upgradeMutation } from '../../../src/shared/sync/upgrade';

const v1: Mutation = {
  mutationId: 'deviceAAAA:1',
  clientId: 'deviceAAAA',
  txId: 't',
  schemaVersion: 1,
  hlc: '2026-11-21T05:19:00.000Z-0000-deviceAAAA',
  op: 'patch',
  type: 'person',
  id: '01900000-0000-7000-8000-000000000001',
  villageId: '01900000-0000-7000-8000-0000000000aa',
  patch: { phone: '0812345678', futureField: 1 },
  base: { phone: 0, futureField: 0 },
};

describe('schema upgrades', () => {
  it('chains steps from the mutation version to the target, keeping unknown fields', () => {
    const upgrades = {
      1: (m: Mutation) => {
        const { phone, ...rest } = m.patch;
        const { phone: phoneBase, ...restBase } = m.base;
        return {
          ...m,
          patch: { ...rest, mobilePhone: phone },
          base: { ...restBase, mobilePhone: phoneBase ?? 0 },
        };
      },
      2: (m: Mutation) => m,
    };
    const upgraded = upgradeMutation(v1, 3, upgrades);
    expect(upgraded.schemaVersion).toBe(3);
    expect(upgraded.patch).toEqual({ mobilePhone: '0812345678', futureField: 1 });
    expect(upgraded.base).toEqual({ mobilePhone: 0, futureField: 0 });
  });

  it('leaves a current mutation as it is', () => {
    expect(upgradeMutation(v1, 1, {})).toEqual(v1);
  });
});
