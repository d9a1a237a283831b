import { type ImportKind, templateCsv, templateHeaders } from '../../../shared/import';
import { t } from '../../ui/i18n';
import { downloadBlob, xlsxBlob } from '../reports/public';

/** A kind's empty template: the Thai header row, as `.xlsx` or as CSV (UTF-8 with a BOM). */
export async function downloadTemplate(kind: ImportKind, format: 'xlsx' | 'csv'): Promise<void> {
  const name = `template-${kind}.${format}`;
  if (format === 'csv') {
    downloadBlob(name, new Blob([templateCsv(kind)], { type: 'text/csv;charset=utf-8' }));
    return;
  }
  const sheet = t('import.template.sheet', { kind: t(`import.kind.${kind}`) });
  downloadBlob(name, await xlsxBlob({ title: [], header: templateHeaders(kind), rows: [] }, sheet));
}
