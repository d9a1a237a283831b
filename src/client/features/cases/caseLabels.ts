import type { GpsFix } from '../../../shared/model/household';
import { profile } from '../../session/state';
import { t } from '../../ui/i18n';
import { valueText } from '../../ui/i18n/recordText';
import { personName } from '../../ui/record/labels';
import type { Beneficiary, CaseView } from './caseRecords';

/** Who (or where) a case is about: the person, else their house, else the request's category. */
export function beneficiaryName(
  welfareCase: CaseView,
  beneficiary: Beneficiary | undefined,
): string {
  if (beneficiary?.person) return personName(beneficiary.person);
  const houseNo = beneficiary?.household?.fields.houseNo;
  if (houseNo) return t('cases.beneficiary.household', { houseNo });
  const category = categoryText(welfareCase);
  return welfareCase.fields.locationNote
    ? `${category}: ${welfareCase.fields.locationNote}`
    : t('cases.beneficiary.place', { category });
}

export function categoryText(welfareCase: CaseView): string {
  const { category } = welfareCase.fields;
  return category ? valueText('case', 'category', category) : t('common.none');
}

/** `หมู่ที่ 1 บ้านพระเจ้า` from the cached profile; empty for a village not in it. */
export function villageText(villageId: string): string {
  const village = profile.value?.villages.find((v) => v.id === villageId);
  return village ? `${t('home.mooNo', { mooNo: village.mooNo })} ${village.name}` : '';
}

export function gpsText(gps: GpsFix): string {
  const lat = gps.lat.toFixed(5);
  const lng = gps.lng.toFixed(5);
  if (gps.accuracyM === undefined) return `${lat}, ${lng}`;
  return t('cases.page.gps', { lat, lng, accuracy: Math.round(gps.accuracyM) });
}
