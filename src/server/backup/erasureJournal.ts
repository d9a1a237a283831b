// The erasure journal: one JSON line per PDPA erasure, appended in the backup directory (which
// usually lives on another disk), so a restore from a backup older than an erasure can apply it
// again even when the database it replaces is lost. A line holds ids, field names and the
// erasure's seq and time — never a personal value.
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

export const ERASURE_JOURNAL_FILE = 'erasures.jsonl';

export const ErasureJournalEntry = z.strictObject({
  requestId: z.string(),
  recordId: z.string(),
  villageId: z.string(),
  /** The fields the erasure covered (the record type's sensitive fields). */
  fields: z.array(z.string()),
  /** The seq the erasure took in its village's bucket. */
  seq: z.number().int().nonnegative(),
  at: z.string(),
  /** The user who handled the request. */
  by: z.string(),
});
export type ErasureJournalEntry = z.infer<typeof ErasureJournalEntry>;

export function erasureJournalPath(dir: string): string {
  return join(dir, ERASURE_JOURNAL_FILE);
}

/** Appends one erasure; throws when the directory or file cannot be written. */
export async function journalErasure(dir: string, entry: ErasureJournalEntry): Promise<void> {
  const line = `${JSON.stringify(ErasureJournalEntry.parse(entry))}\n`;
  await mkdir(dir, { recursive: true });
  const file = await open(erasureJournalPath(dir), 'a');
  try {
    await file.appendFile(line);
    await file.datasync();
  } finally {
    await file.close();
  }
}

export type JournalReading =
  | { status: 'read'; entries: ErasureJournalEntry[]; badLines: number }
  | { status: 'missing' | 'unreadable'; entries: []; badLines: 0; error: string };

/**
 * Every erasure of the journal. A line that does not parse (a write cut short by a crash) is
 * counted and skipped: the others still count.
 */
export async function readErasureJournal(dir: string): Promise<JournalReading> {
  let text: string;
  try {
    text = await readFile(erasureJournalPath(dir), 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      status: missing ? 'missing' : 'unreadable',
      entries: [],
      badLines: 0,
      error: (error as Error).message,
    };
  }
  const entries: ErasureJournalEntry[] = [];
  let badLines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      entries.push(ErasureJournalEntry.parse(JSON.parse(line)));
    } catch {
      badLines++;
    }
  }
  return { status: 'read', entries, badLines };
}
