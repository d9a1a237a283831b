export type StoreKind = 'sqlite' | 'postgres';

export type StoreConfig =
  | { kind: 'sqlite'; file: string }
  | {
      kind: 'postgres';
      url: string;
      /** Created if missing and put first on every connection's search_path. */
      schema?: string;
    };

/** A unique constraint refused a write; `constraint` names it when the driver tells. */
export class UniqueViolation extends Error {
  constructor(readonly constraint: string) {
    super(`unique constraint violated: ${constraint}`);
    this.name = 'UniqueViolation';
  }
}
