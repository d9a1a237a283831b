// The one organization row (the tambon the server serves).
import type { Selectable } from 'kysely';
import type { Organization } from '../../shared/model/organization';
import { type Db, inTransaction } from './executor';
import type { OrganizationTable } from './schema';

function toOrganization(row: Selectable<OrganizationTable>): Organization {
  return {
    id: row.id,
    name: row.name,
    subdistrictCode: row.subdistrict_code,
    districtCode: row.district_code,
    provinceCode: row.province_code,
    subdistrictNameTh: row.subdistrict_name_th,
    districtNameTh: row.district_name_th,
    provinceNameTh: row.province_name_th,
    postalCode: row.postal_code,
  };
}

async function getOrganization(db: Db): Promise<Organization | null> {
  const row = await db.selectFrom('organization').selectAll().limit(1).executeTakeFirst();
  return row ? toOrganization(row) : null;
}

/** Inserts or replaces the one organization row. */
async function saveOrganization(db: Db, org: Organization, at: string): Promise<void> {
  const values = {
    name: org.name,
    subdistrict_code: org.subdistrictCode,
    district_code: org.districtCode,
    province_code: org.provinceCode,
    subdistrict_name_th: org.subdistrictNameTh,
    district_name_th: org.districtNameTh,
    province_name_th: org.provinceNameTh,
    postal_code: org.postalCode,
    updated_at: at,
  };
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('organization').where('id', '!=', org.id).execute();
    await trx
      .insertInto('organization')
      .values({ id: org.id, created_at: at, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  });
}

export const organizationQueries = { getOrganization, saveOrganization };
