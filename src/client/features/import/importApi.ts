import {
  type ImportPreview,
  type ImportRequest,
  type ImportResult,
  type ImportSummary,
  ImportUndoRefused,
} from '../../../shared/api/imports';
import { api } from '../../api/authenticated';
import { ApiError } from '../../api/http';

/** The server's side of an import (`src/shared/api/imports.ts`); tests hand the page a fake. */
export interface ImportServer {
  preview(request: ImportRequest): Promise<ImportPreview>;
  commit(request: ImportRequest): Promise<ImportResult>;
  list(): Promise<ImportSummary[]>;
  /** The summary undone, or the records edited since that stop it. */
  undo(id: string): Promise<{ ok: true } | { ok: false; records: number }>;
}

export const importServer: ImportServer = {
  preview: (body) => api<ImportPreview>('/api/imports/preview', { method: 'POST', body }),
  commit: (body) => api<ImportResult>('/api/imports', { method: 'POST', body }),
  list: async () => (await api<{ imports: ImportSummary[] }>('/api/imports')).imports,
  async undo(id) {
    try {
      await api<ImportSummary>(`/api/imports/${encodeURIComponent(id)}/undo`, { method: 'POST' });
      return { ok: true };
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        // The contract's body, or the same records under the API error's details.
        const refused = ImportUndoRefused.shape.records.safeParse(
          (error.details as { records?: unknown } | undefined)?.records,
        );
        return { ok: false, records: refused.success ? refused.data.length : 0 };
      }
      throw error;
    }
  },
};
