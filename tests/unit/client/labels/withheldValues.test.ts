import { expect, it } from 'vitest';
import { valueText } from '../../../../src/client/ui/i18n/recordText';
import { HIDDEN_VALUE } from '../../../../src/shared/api/admin';
import { ERASED_VALUE } from '../../../../src/shared/api/privacy';

it('reads a value the role may not see, or one an erasure took, in Thai, never as code', () => {
  expect(valueText('person', 'chronicDiseases', HIDDEN_VALUE)).toBe('ซ่อนไว้ (บทบาทนี้ไม่เห็นข้อมูลนี้)');
  expect(valueText('person', 'adl', ERASED_VALUE)).toBe('ถูกลบตามคำขอของเจ้าของข้อมูล');
  expect(valueText(null, 'unknownThing', { houseNo: '12/3' })).toBe('บ้านเลขที่: 12/3');
});
