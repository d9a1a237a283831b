// How `records.field_meta` stores a record's field metadata. Every field one write set shares
// its (seq, hlc, by), so the column lists each write once and maps fields to it:
//   {"w": [[seq, hlc, by], …], "f": {field: index into w, …}}
// A created record of 20 fields takes ~350 bytes instead of ~2 KB as `{field: {seq, hlc, by}}`,
// which was most of what a push wrote and a pull read.
import type { FieldMeta } from '../../shared/sync/protocol';

type PackedWrite = [seq: number, hlc: string, by: string];

interface PackedFieldMeta {
  w: PackedWrite[];
  f: Record<string, number>;
}

export function packFieldMeta(meta: Record<string, FieldMeta>): string {
  const writes: PackedWrite[] = [];
  const indexOf = new Map<FieldMeta, number>();
  const fields: Record<string, number> = {};
  for (const [field, entry] of Object.entries(meta)) {
    let index = indexOf.get(entry);
    if (index === undefined) {
      index = writes.findIndex(
        ([seq, hlc, by]) => seq === entry.seq && hlc === entry.hlc && by === entry.by,
      );
      if (index < 0) index = writes.push([entry.seq, entry.hlc, entry.by]) - 1;
      indexOf.set(entry, index);
    }
    fields[field] = index;
  }
  return JSON.stringify({ w: writes, f: fields } satisfies PackedFieldMeta);
}

/** Fields set by the same write share one `FieldMeta` object (never mutated in place). */
export function unpackFieldMeta(text: string): Record<string, FieldMeta> {
  const packed = JSON.parse(text) as PackedFieldMeta;
  const writes = packed.w.map(([seq, hlc, by]): FieldMeta => ({ seq, hlc, by }));
  const meta: Record<string, FieldMeta> = {};
  for (const [field, index] of Object.entries(packed.f)) {
    meta[field] = writes[index] as FieldMeta;
  }
  return meta;
}
