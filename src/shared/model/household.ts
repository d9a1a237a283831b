import { z } from 'zod';
import { Uuid } from './organization';

/** ISO calendar date `YYYY-MM-DD` (Gregorian; the UI converts to and from พ.ศ.). */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'invalid_date' });

export const TENURES = ['own', 'rent', 'live-free', 'no-title'] as const;
export const LAND_DOC_TYPES = ['chanote', 'ns3', 'spk401', 'stk', 'pbt5', 'none', 'other'] as const;
export const HOUSE_CONDITIONS = ['sound', 'dilapidated', 'unsafe'] as const;
export const DRINKING_WATER = [
  'bottled',
  'village-piped',
  'pwa',
  'well',
  'rain',
  'natural',
] as const;
export const ELECTRICITY = ['grid', 'solar', 'none'] as const;
export const WASTE_DISPOSAL = ['lao-collection', 'burn', 'bury', 'compost'] as const;

/** A photo or file: the bytes live in the blob store under their SHA-256. */
export const AttachmentRef = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().positive(),
  mime: z.string().max(100),
  caption: z.string().max(200).optional(),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;

export const GpsFix = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracyM: z.number().nonnegative().optional(),
  capturedAt: z.string().optional(),
});
export type GpsFix = z.infer<typeof GpsFix>;

/**
 * A household (ครัวเรือน), docs/domain.md §2–§3. Members are `person` records pointing here by
 * `householdId`, never an array inside the household.
 */
export const HouseholdFields = z.object({
  houseNo: z.string().trim().min(1).max(20),
  mooNo: z.number().int().min(1).max(99),
  houseCode: z
    .string()
    .regex(/^\d{11}$/, { message: 'invalid_house_code' })
    .optional(),
  soi: z.string().max(100).optional(),
  road: z.string().max(100).optional(),
  postalCode: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
  gps: GpsFix.optional(),
  surveyDate: IsoDate,
  surveyorId: Uuid,
  privacyNoticeGiven: z.boolean(),
  tenure: z.enum(TENURES).optional(),
  landDocType: z.enum(LAND_DOC_TYPES).optional(),
  inForestReserve: z.boolean().optional(),
  taxParcelCode: z
    .string()
    .regex(/^\d{2}[A-Z]{1,2}\d{1,5}$/, { message: 'invalid_tax_parcel' })
    .optional(),
  houseCondition: z.enum(HOUSE_CONDITIONS).optional(),
  drinkingWater: z.enum(DRINKING_WATER).optional(),
  toilet: z.boolean().optional(),
  electricity: z.enum(ELECTRICITY).optional(),
  wasteDisposal: z.enum(WASTE_DISPOSAL).optional(),
  householdDebtTHB: z.number().nonnegative().optional(),
  farmLandSqWah: z.number().int().nonnegative().optional(),
  photos: z.array(AttachmentRef).max(20).optional(),
});
export type HouseholdFields = z.infer<typeof HouseholdFields>;
