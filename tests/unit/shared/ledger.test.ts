import { describe, expect, it } from 'vitest';
import {
  type LedgerEntry,
  ledgerTotalTHB,
  reversalAmountTHB,
  reversedIds,
} from '../../../src/shared/rules/ledger';

describe('assistance ledger', () => {
  const rice: LedgerEntry = { id: 'a', amountTHB: 1500 };
  const cash: LedgerEntry = { id: 'b', amountTHB: 3000 };
  const reversal: LedgerEntry = { id: 'c', amountTHB: -3000, reversesId: 'b' };

  it('totals entries with a reversing entry cancelling one out', () => {
    expect(ledgerTotalTHB([rice, cash])).toBe(4500);
    expect(ledgerTotalTHB([rice, cash, reversal])).toBe(1500);
    expect(reversedIds([rice, cash, reversal])).toEqual(new Set(['b']));
  });

  it('counts in satang: 0.1 + 0.2 is 0.30 baht, not 0.30000000000000004', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(
      ledgerTotalTHB([
        { id: 'x', amountTHB: 0.1 },
        { id: 'y', amountTHB: 0.2 },
      ]),
    ).toBe(0.3);
    const many = Array.from({ length: 10 }, (_, i) => ({ id: String(i), amountTHB: 0.1 }));
    expect(ledgerTotalTHB(many)).toBe(1);
  });

  it('counts in-kind entries (no amount) as zero, and an empty ledger as zero', () => {
    expect(ledgerTotalTHB([{ id: 'goods' }, rice])).toBe(1500);
    expect(ledgerTotalTHB([])).toBe(0);
    expect(reversedIds([rice])).toEqual(new Set());
  });

  it('gives the reversal the negated amount, in whole satang', () => {
    expect(reversalAmountTHB(cash)).toBe(-3000);
    expect(reversalAmountTHB({ id: 'd', amountTHB: 1234.56 })).toBe(-1234.56);
    expect(reversalAmountTHB({ id: 'e', amountTHB: -20.1 })).toBe(20.1);
    expect(ledgerTotalTHB([cash, { id: 'r', amountTHB: reversalAmountTHB(cash) }])).toBe(0);
  });
});
