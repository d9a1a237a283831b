import type { ComponentChildren } from 'preact';
import type { PersonProfile } from '../../../shared/rules/personProfile';
import type { PersonView } from '../../records/people';
import { t } from '../i18n';
import { bahtText, missingText } from './labels';

type Tone = 'info' | 'care' | 'warn' | 'sync';

export function Badge({
  tone,
  flag,
  children,
}: {
  tone: Tone;
  /** For tests and styles: which fact the badge shows. */
  flag: string;
  children: ComponentChildren;
}) {
  return (
    <span class={`hh-badge hh-badge-${tone}`} data-flag={flag}>
      {children}
    </span>
  );
}

/** A quiet mark beside a value the server has not acknowledged yet. */
export function Unsynced({ view, field }: { view: { unsyncedFields: string[] }; field?: string }) {
  const waiting = field ? view.unsyncedFields.includes(field) : view.unsyncedFields.length > 0;
  if (!waiting) return null;
  return (
    <span class="hh-unsynced" data-testid="unsynced">
      {t('hh.unsynced')}
    </span>
  );
}

function allowanceText(kind: 'elderly' | 'disability', amount: number, receiving?: boolean) {
  const label =
    kind === 'elderly'
      ? t('hh.badge.elderlyAllowance', { amount: bahtText(amount) })
      : t('hh.badge.disabilityAllowance', { amount: bahtText(amount) });
  return `${label} · ${receiving ? t('hh.badge.receiving') : t('hh.badge.notReceiving')}`;
}

/** What the welfare rules derive for one member: elderly band and allowance, ADL, disability. */
export function PersonBadges({ person, profile }: { person: PersonView; profile: PersonProfile }) {
  const { fields } = person;
  return (
    <span class="hh-badges">
      {profile.elderlyBand !== null && (
        <Badge tone="info" flag="elderly">
          {t('hh.badge.elderlyBand', { band: profile.elderlyBand })}
        </Badge>
      )}
      {profile.elderlyAllowanceTHB > 0 && (
        <Badge tone={fields.receivesElderlyAllowance ? 'info' : 'warn'} flag="elderly-allowance">
          {allowanceText('elderly', profile.elderlyAllowanceTHB, fields.receivesElderlyAllowance)}
        </Badge>
      )}
      {profile.disabled && (
        <Badge tone="info" flag="disabled">
          {t('hh.flag.disabled')}
        </Badge>
      )}
      {profile.disabilityAllowanceTHB > 0 && (
        <Badge
          tone={fields.receivesDisabilityAllowance ? 'info' : 'warn'}
          flag="disability-allowance"
        >
          {allowanceText(
            'disability',
            profile.disabilityAllowanceTHB,
            fields.receivesDisabilityAllowance,
          )}
        </Badge>
      )}
      {profile.adlScore !== null && profile.adlGroup !== null && (
        <Badge tone={profile.adlGroup === 'social' ? 'info' : 'care'} flag="adl">
          {t('hh.badge.adl', { score: profile.adlScore, group: t(`hh.adl.${profile.adlGroup}`) })}
        </Badge>
      )}
      {profile.bedridden && profile.adlGroup !== 'bedbound' && (
        <Badge tone="care" flag="bedridden">
          {t('hh.flag.bedridden')}
        </Badge>
      )}
      {profile.active && profile.missing.length > 0 && (
        <Badge tone="warn" flag="missing">
          {t('hh.badge.missing', { fields: missingText(profile.missing) })}
        </Badge>
      )}
      {person.unsyncedFields.length > 0 && (
        <Badge tone="sync" flag="unsynced">
          {t('hh.flag.unsynced')}
        </Badge>
      )}
    </span>
  );
}
