import { z } from 'zod';

export const Uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'invalid_uuid',
  });

export const Organization = z.object({
  id: Uuid,
  name: z.string().min(1).max(200),
  subdistrictCode: z.string().regex(/^\d{6}$/),
  districtCode: z.string().regex(/^\d{4}$/),
  provinceCode: z.string().regex(/^\d{2}$/),
  subdistrictNameTh: z.string(),
  districtNameTh: z.string(),
  provinceNameTh: z.string(),
  postalCode: z.string().regex(/^\d{5}$/),
});
export type Organization = z.infer<typeof Organization>;

/** A หมู่บ้าน of the organization's sub-district. `code` is DOPA's 8 digits: province+district+tambon+หมู่. */
export const Village = z.object({
  id: Uuid,
  mooNo: z.number().int().min(1).max(99),
  name: z.string().trim().min(1).max(100),
  code: z.string().regex(/^\d{8}$/),
});
export type Village = z.infer<typeof Village>;

/** The 8-digit village code is the 6-digit sub-district code followed by the 2-digit หมู่ number. */
export function villageCode(subdistrictCode: string, mooNo: number): string {
  return `${subdistrictCode}${String(mooNo).padStart(2, '0')}`;
}
