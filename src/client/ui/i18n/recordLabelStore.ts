import { recordLabelsTh } from './recordLabels.th';
import type { RecordLabels } from './recordLabelTypes';
import type { Language } from './types';

/** The record labels of each loaded language (Thai always; English with its messages). */
export const recordLabelTables: Partial<Record<Language, RecordLabels>> = { th: recordLabelsTh };

export async function loadRecordLabels(next: Language): Promise<void> {
  if (next === 'en') recordLabelTables.en ??= (await import('./recordLabels.en')).recordLabelsEn;
}
