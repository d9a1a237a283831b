// The assistance ledger (docs/domain.md §3G): entries are never edited away; a mistake is corrected
// by a reversing entry that points at it and carries the negated amount.

export interface LedgerEntry {
  id: string;
  amountTHB?: number | undefined;
  reversesId?: string | undefined;
}

/** Sums in satang, so 0.1 + 0.2 stays 0.30 baht. */
function toSatang(amountTHB: number | undefined): number {
  return Math.round((amountTHB ?? 0) * 100);
}

/** The net cash of `entries` (reversals included) in THB. */
export function ledgerTotalTHB(entries: readonly LedgerEntry[]): number {
  return entries.reduce((sum, entry) => sum + toSatang(entry.amountTHB), 0) / 100;
}

/** Ids of entries that a reversing entry in `entries` cancels. */
export function reversedIds(entries: readonly LedgerEntry[]): Set<string> {
  return new Set(entries.flatMap((entry) => (entry.reversesId ? [entry.reversesId] : [])));
}

/** The reversing entry's amount for `entry`. */
export function reversalAmountTHB(entry: LedgerEntry): number {
  return -toSatang(entry.amountTHB) / 100;
}
