import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { language, setLanguage } from '../../../../src/client/ui/i18n';
import { recordLabelsEn } from '../../../../src/client/ui/i18n/recordLabels.en';
import { recordLabelsTh } from '../../../../src/client/ui/i18n/recordLabels.th';
import { fieldLabel, valueText } from '../../../../src/client/ui/i18n/recordText';
import { RECORD_TYPES } from '../../../../src/shared/sync/protocol';
import { FIELD_SCHEMAS } from '../../../../src/shared/sync/validate';

/** Optional, default, nullable and array wrappers off: the schema that holds the values. */
function core(schema: z.ZodType): z.ZodType {
  let inner = schema;
  for (;;) {
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable)
      inner = inner.unwrap() as z.ZodType;
    else if (inner instanceof z.ZodDefault) inner = inner.def.innerType as z.ZodType;
    else if (inner instanceof z.ZodArray) inner = inner.element as z.ZodType;
    else return inner;
  }
}

/** The enum values a field can hold: a z.enum, or a union of literals (disability types). */
function enumValues(schema: z.ZodType): string[] {
  const inner = core(schema);
  if (inner instanceof z.ZodEnum) return inner.options.map(String);
  if (inner instanceof z.ZodUnion) {
    const options = inner.options as z.ZodType[];
    if (options.every((o) => o instanceof z.ZodLiteral)) {
      return options.flatMap((o) => [...(o as z.ZodLiteral).values].map(String));
    }
  }
  return [];
}

const fieldsOf = (type: (typeof RECORD_TYPES)[number]) =>
  Object.entries(FIELD_SCHEMAS[type].shape as Record<string, z.ZodType>);

describe('the record label source', () => {
  afterEach(() => setLanguage('th'));

  for (const [name, table] of [
    ['Thai', recordLabelsTh],
    ['English', recordLabelsEn],
  ] as const) {
    it(`names every field of every record model in ${name}`, () => {
      const missing = RECORD_TYPES.flatMap((type) =>
        fieldsOf(type)
          .filter(([field]) => !(table.fields[type] as Record<string, string>)[field]?.trim())
          .map(([field]) => `${type}.${field}`),
      );
      expect(missing).toEqual([]);
    });

    it(`names every enum value of every record model in ${name}`, () => {
      const missing = RECORD_TYPES.flatMap((type) =>
        fieldsOf(type).flatMap(([field, schema]) =>
          enumValues(schema)
            .filter((value) => !table.values[type][field]?.[value]?.trim())
            .map((value) => `${type}.${field}=${value}`),
        ),
      );
      expect(missing).toEqual([]);
    });
  }

  it('finds the enums it checks (the walk itself works)', () => {
    const household = Object.fromEntries(fieldsOf('household'));
    expect(enumValues(household.houseCondition as z.ZodType)).toEqual([
      'sound',
      'dilapidated',
      'unsafe',
    ]);
    const person = Object.fromEntries(fieldsOf('person'));
    expect(enumValues(person.disabilityTypes as z.ZodType)).toContain('7');
    expect(enumValues(person.memberStatus as z.ZodType)).toContain('moved-out');
  });

  it('gives no label that is the field name itself in Thai', () => {
    const codes = RECORD_TYPES.flatMap((type) =>
      fieldsOf(type)
        .filter(([field]) => fieldLabel(type, field) === field)
        .map(([field]) => `${type}.${field}`),
    );
    expect(codes).toEqual([]);
  });
});

describe('valueText', () => {
  afterEach(() => setLanguage('th'));

  it('says what the review screens used to show as codes', () => {
    expect(fieldLabel('household', 'road')).toBe('ถนน');
    expect(fieldLabel('household', 'householdDebtTHB')).toBe('หนี้สินครัวเรือน');
    expect(valueText('household', 'houseCondition', 'dilapidated')).toBe('ทรุดโทรม');
    expect(valueText('household', 'householdDebtTHB', 45000)).toBe('45,000 บาท');
    expect(valueText('case', 'status', 'in-progress')).toBe('กำลังดำเนินการ');
    expect(valueText('programEnrollment', 'status', 'active')).toBe('ได้รับอยู่');
    expect(valueText('person', 'disabilityTypes', [1, 7])).toBe('การเห็น, ออทิสติก');
  });

  it('reads an unanswered yes/no question as unanswered, not as no', () => {
    expect(valueText('household', 'toilet', undefined)).toBe('ยังไม่ได้ตอบ');
    expect(valueText('household', 'toilet', null)).toBe('ยังไม่ได้ตอบ');
    expect(valueText('household', 'toilet', false)).toBe('ไม่ใช่');
  });

  it('names a household by its house number, and never shows an id', () => {
    const id = '0190a0b0-0000-7000-8000-0000005414a3';
    expect(valueText('person', 'householdId', id, new Map([[id, 'บ้านเลขที่ 99/9']]))).toBe(
      'บ้านเลขที่ 99/9',
    );
    expect(valueText('person', 'householdId', id)).not.toContain('5414a3');
    expect(valueText('household', 'surveyorId', id)).toBe('ผู้ใช้อื่น');
  });

  it('writes dates in the Buddhist era and land in rai-ngan-wah', () => {
    expect(valueText('household', 'surveyDate', '2025-10-01')).toContain('2568');
    expect(valueText('household', 'farmLandSqWah', 650)).toBe('1 ไร่ 2 งาน 50 ตร.ว.');
  });

  it('switches to English with the language', async () => {
    await setLanguage('en');
    expect(language.value).toBe('en');
    expect(fieldLabel('household', 'road')).toBe('Road');
    expect(valueText('household', 'houseCondition', 'dilapidated')).toBe('Dilapidated');
    expect(valueText('household', 'toilet', undefined)).toBe('Not answered');
  });
});
