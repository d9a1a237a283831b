import type { HouseholdRow } from '../../records/householdRows';
import { t } from '../../ui/i18n';
import { Badge } from '../../ui/record/Badges';

/** The flags of one household row in the village list. */
export function HouseholdFlags({ row }: { row: HouseholdRow }) {
  return (
    <span class="hh-badges">
      {row.elderly && (
        <Badge tone="info" flag="elderly">
          {t('hh.flag.elderly')}
        </Badge>
      )}
      {row.disabled && (
        <Badge tone="info" flag="disabled">
          {t('hh.flag.disabled')}
        </Badge>
      )}
      {row.bedridden && (
        <Badge tone="care" flag="bedridden">
          {t('hh.flag.bedridden')}
        </Badge>
      )}
      {row.missingData && (
        <Badge tone="warn" flag="missing">
          {t('hh.flag.missing')}
        </Badge>
      )}
      {row.unsynced && (
        <Badge tone="sync" flag="unsynced">
          {t('hh.flag.unsynced')}
        </Badge>
      )}
    </span>
  );
}
