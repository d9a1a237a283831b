import { describe, expect, it } from 'vitest';
import { importEn } from '../../../src/client/features/import/messages.en';
import { importTh } from '../../../src/client/features/import/messages.th';
import { IMPORT_ERROR_CODES } from '../../../src/shared/import/errors';
import { IMPORT_FIELDS } from '../../../src/shared/import/fields';
import { ROW_ACTIONS } from '../../../src/shared/import/plan';

const params = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('import messages', () => {
  it('Thai has a message for every error code, field and row action', () => {
    const keys = [
      ...IMPORT_ERROR_CODES.map((c) => `import.error.${c}`),
      ...IMPORT_FIELDS.map((f) => `import.field.${f}`),
      ...ROW_ACTIONS.map((a) => `import.action.${a}`),
    ];
    for (const key of keys) expect(Object.hasOwn(importTh, key), key).toBe(true);
  });

  it('English has exactly the Thai keys with the same parameters', () => {
    expect(Object.keys(importEn).sort()).toEqual(Object.keys(importTh).sort());
    for (const [key, thai] of Object.entries(importTh)) {
      const english = importEn[key as keyof typeof importTh];
      expect(english.trim(), key).not.toBe('');
      expect(params(english), key).toEqual(params(thai));
    }
  });

  it('the parameters a code is given are the ones its message shows', () => {
    expect(params(importTh['import.error.duplicate_in_file'])).toEqual(['row']);
    expect(params(importTh['import.error.moo_unknown'])).toEqual(['moo']);
    expect(params(importTh['import.error.too_long'])).toEqual(['max']);
  });
});
