import { optionalNumber } from '../../../ui/form/formValues';

/** Land as ไร่-งาน-ตารางวา: 1 ไร่ = 4 งาน = 400 ตร.ว. (docs/domain.md §6). */
export interface LandParts {
  rai: string;
  ngan: string;
  wah: string;
}

export const SQ_WAH_PER_RAI = 400;
export const SQ_WAH_PER_NGAN = 100;

export function landParts(squareWah: number | undefined): LandParts {
  if (squareWah === undefined) return { rai: '', ngan: '', wah: '' };
  return {
    rai: String(Math.floor(squareWah / SQ_WAH_PER_RAI)),
    ngan: String(Math.floor((squareWah % SQ_WAH_PER_RAI) / SQ_WAH_PER_NGAN)),
    wah: String(squareWah % SQ_WAH_PER_NGAN),
  };
}

/** The area in ตร.ว.; undefined when all parts are empty, NaN when one is not a number. */
export function squareWahOf(parts: LandParts): number | undefined {
  const rai = optionalNumber(parts.rai);
  const ngan = optionalNumber(parts.ngan);
  const wah = optionalNumber(parts.wah);
  if (rai === undefined && ngan === undefined && wah === undefined) return undefined;
  return (rai ?? 0) * SQ_WAH_PER_RAI + (ngan ?? 0) * SQ_WAH_PER_NGAN + (wah ?? 0);
}

/** งาน is 0–3 and ตร.ว. under 100: a larger part belongs in the next unit. */
export function landProblems(
  parts: LandParts,
): { part: keyof LandParts; message: 'ngan_range' | 'wah_range' }[] {
  const problems: { part: keyof LandParts; message: 'ngan_range' | 'wah_range' }[] = [];
  const ngan = optionalNumber(parts.ngan);
  const wah = optionalNumber(parts.wah);
  if (ngan !== undefined && ngan >= SQ_WAH_PER_RAI / SQ_WAH_PER_NGAN) {
    problems.push({ part: 'ngan', message: 'ngan_range' });
  }
  if (wah !== undefined && wah >= SQ_WAH_PER_NGAN)
    problems.push({ part: 'wah', message: 'wah_range' });
  return problems;
}
