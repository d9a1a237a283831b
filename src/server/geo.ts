// The organization's place names and postal code, from the vendored Thai geography data
// (public/geo: DOPA codes as numbers; we store them as zero-padded strings).
import { readFileSync } from 'node:fs';
import type { Organization } from '../shared/model/organization';

const GEO_DIR = new URL('../../public/geo/', import.meta.url);

interface SubdistrictRow {
  provinceCode: number;
  districtCode: number;
  subdistrictCode: number;
  subdistrictNameTh: string;
  postalCode: number;
}
interface DistrictRow {
  districtCode: number;
  districtNameTh: string;
}
interface ProvinceRow {
  provinceCode: number;
  provinceNameTh: string;
}

export type OrganizationPlace = Omit<Organization, 'id' | 'name'>;

/** Looks a 6-digit sub-district code up; throws with a clear message when it is unknown. */
export function placeOfSubdistrict(subdistrictCode: string): OrganizationPlace {
  const code = Number(subdistrictCode);
  const subdistrict = readGeo<SubdistrictRow>('subdistricts.json').find(
    (s) => s.subdistrictCode === code,
  );
  if (!/^\d{6}$/.test(subdistrictCode) || !subdistrict) {
    throw new Error(`Unknown sub-district code ${subdistrictCode} (6 digits, e.g. 451804)`);
  }
  const district = readGeo<DistrictRow>('districts.json').find(
    (d) => d.districtCode === subdistrict.districtCode,
  );
  const province = readGeo<ProvinceRow>('provinces.json').find(
    (p) => p.provinceCode === subdistrict.provinceCode,
  );
  if (!district || !province) throw new Error(`Incomplete geography data for ${subdistrictCode}`);
  return {
    subdistrictCode: pad(subdistrict.subdistrictCode, 6),
    districtCode: pad(subdistrict.districtCode, 4),
    provinceCode: pad(subdistrict.provinceCode, 2),
    subdistrictNameTh: subdistrict.subdistrictNameTh,
    districtNameTh: district.districtNameTh,
    provinceNameTh: province.provinceNameTh,
    postalCode: pad(subdistrict.postalCode, 5),
  };
}

/** The usual name of a sub-district's administrative organization. */
export function defaultOrganizationName(place: OrganizationPlace): string {
  return `อบต.${place.subdistrictNameTh}`;
}

function readGeo<T>(file: string): T[] {
  return JSON.parse(readFileSync(new URL(file, GEO_DIR), 'utf8')) as T[];
}

function pad(value: number, digits: number): string {
  return String(value).padStart(digits, '0');
}
