import type {
  ImportPreview,
  ImportRequest,
  ImportResult,
  ImportSummary,
} from '../../../shared/api/imports';
import { api } from '../../api/authenticated';
import { ApiError } from '../../api/http';

/** The server's side of an import (`src/shared/api/imports.ts`); tests hand the page a fake. */
export interface ImportServer {
  preview(request: ImportRequest): Promise<ImportPreview>;
  /** `key`: the same for the same confirmation sent again (after a timeout), so it writes once. */
  commit(request: ImportRequest, key: string): Promise<ImportResult>;
  list(): Promise<ImportSummary[]>;
  /** Undone, or refused (409: records of the import edited since, or undone already). */
  undo(id: string): Promise<{ ok: boolean }>;
}

export const importServer: ImportServer = {
  preview: (body) => api<ImportPreview>('/api/imports/preview', { method: 'POST', body }),
  commit: (body, idempotencyKey) =>
    api<ImportResult>('/api/imports', { method: 'POST', body, idempotencyKey }),
  list: async () => (await api<{ imports: ImportSummary[] }>('/api/imports')).imports,
  async undo(id) {
    try {
      await api<ImportSummary>(`/api/imports/${encodeURIComponent(id)}/undo`, { method: 'POST' });
      return { ok: true };
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) return { ok: false };
      throw error;
    }
  },
};
