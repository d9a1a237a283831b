import { useState } from 'preact/hooks';
import type { Village } from '../../../shared/model/organization';
import { logExport } from '../../privacy/deviceEvents';
import { Button } from '../../ui/Button';
import { t } from '../../ui/i18n';
import {
  downloadXlsx,
  type ReportTable,
  villageHouseholdsTable,
  villagePeopleTable,
} from '../reports/public';
import type { ExistingRecords } from './existing';

type List = 'people' | 'households';

/**
 * A village's people (with their household) or households as `.xlsx` in the template's layout:
 * the office corrects the list in Excel and imports it back. Logged like every list export.
 */
export function VillageExport({
  villages,
  organization,
  existing,
}: {
  villages: readonly Village[];
  organization: string;
  existing: (villageIds: readonly string[]) => Promise<ExistingRecords>;
}) {
  const [villageId, setVillageId] = useState('');
  const [busy, setBusy] = useState<List | null>(null);
  const village = villages.find((v) => v.id === villageId) ?? villages[0];
  if (!village) return <p class="muted">{t('import.export.none')}</p>;

  const exportList = async (list: List) => {
    setBusy(list);
    try {
      const records = await existing([village.id]);
      const villageName = t('report.villageName', { mooNo: village.mooNo, name: village.name });
      const title = [
        organization,
        t('import.export.sheetTitle', { list: t(`import.kind.${list}`), village: villageName }),
      ].filter(Boolean);
      const table: ReportTable =
        list === 'people'
          ? villagePeopleTable(village, records.households, records.people, title)
          : villageHouseholdsTable(village, records.households, title);
      await downloadXlsx(`${list}-moo${village.mooNo}.xlsx`, table, t(`import.kind.${list}`));
      await logExport(`report:village-${list}`, table.rows.length, village.id);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="import-export" data-testid="import-export">
      <h2>{t('import.export.title')}</h2>
      <p class="muted">{t('import.export.lead')}</p>
      <label class="field">
        <span>{t('import.export.village')}</span>
        <select
          value={village.id}
          data-testid="import-export-village"
          onChange={(event) => setVillageId(event.currentTarget.value)}
        >
          {villages.map((v) => (
            <option key={v.id} value={v.id}>
              {t('report.villageName', { mooNo: v.mooNo, name: v.name })}
            </option>
          ))}
        </select>
      </label>
      <div class="import-actions">
        <Button
          testId="import-export-people"
          busy={busy === 'people'}
          onClick={() => void exportList('people')}
        >
          {t('import.export.people')}
        </Button>
        <Button
          testId="import-export-households"
          busy={busy === 'households'}
          onClick={() => void exportList('households')}
        >
          {t('import.export.households')}
        </Button>
      </div>
    </section>
  );
}
