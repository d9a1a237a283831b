import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../../src/client/app/messages.en';
import { th } from '../../../../src/client/app/messages.th';
import { isoOfParts } from '../../../../src/client/features/admin/AuditPanel';
import {
  AUDIT_ACTIONS,
  type AuditNames,
  actionText,
  detailLines,
  targetText,
} from '../../../../src/client/features/admin/auditText';
import { bangkokCsvTime } from '../../../../src/server/routes/admin/audit';
import { DEVICE_EVENT_KINDS } from '../../../../src/shared/api/deviceEvents';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every action code the server can write: `action: '…'` (and both arms of a `?:`), device events. */
function serverActions(): string[] {
  const found = new Set<string>(DEVICE_EVENT_KINDS);
  for (const file of sources('src/server')) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\baction:\s*([^,\n}]+)/g)) {
      for (const literal of (match[1] ?? '').matchAll(/'([a-z_]+(?:\.[a-z_]+)*)'/g)) {
        found.add(literal[1] as string);
      }
    }
  }
  return [...found].sort();
}

const USER = '01930000-0000-7000-8000-0000000000a1';
const PERSON = '01930000-0000-7000-8000-0000000000c1';
const names: AuditNames = {
  users: new Map([[USER, 'สมชาย ใจดี (surveyor1)']]),
  devices: new Map([['client-1', 'Chrome · Android 13']]),
  villages: [{ id: '01930000-0000-7000-8000-0000000000d1', mooNo: 1, name: 'บ้านพระเจ้า' } as never],
  records: new Map([[PERSON, 'นางสมศรี มือใหม่']]),
};

describe('audit log wording', () => {
  it('finds the server actions it checks (the scan works)', () => {
    const actions = serverActions();
    expect(actions).toContain('auth.login');
    expect(actions).toContain('sync.push_revoked');
    expect(actions).toContain('person.view');
    expect(actions.length).toBeGreaterThan(20);
  });

  it('has a Thai and an English label for every action the server can write', () => {
    const missing = serverActions().filter(
      (action) =>
        !(AUDIT_ACTIONS as readonly string[]).includes(action) ||
        !Object.hasOwn(th, `audit.action.${action}`) ||
        !Object.hasOwn(en, `audit.action.${action}`),
    );
    expect(missing).toEqual([]);
  });

  it('shows actions, targets and details as words, not codes, ids or JSON', () => {
    expect(actionText('auth.login')).toBe('เข้าสู่ระบบ');
    expect(actionText('person.view')).toBe('เปิดดูข้อมูลอ่อนไหวของบุคคล');
    expect(targetText({ action: 'auth.login', target: 'client-1' }, names)).toBe(
      'Chrome · Android 13',
    );
    expect(targetText({ action: 'user.update', target: USER }, names)).toBe(
      'สมชาย ใจดี (surveyor1)',
    );
    expect(targetText({ action: 'person.view', target: PERSON }, names)).toBe('นางสมศรี มือใหม่');
    const unknown = targetText(
      { action: 'person.view', target: '01930000-0000-7000-8000-0000000000ff' },
      names,
    );
    expect(unknown).not.toMatch(/[0-9a-f]{8}/);

    const lines = detailLines(
      { received: 3, applied: 2, quarantined: 1, duplicates: 0, conflicts: 0, mutationId: 'm1' },
      names,
    );
    expect(lines).toContainEqual(['ถูกกัก', '1']);
    expect(lines.map(([key]) => key).join()).not.toMatch(/[a-z]/i);
    const user = detailLines({ role: 'welfare', villageIds: [names.villages?.[0]?.id] }, names);
    expect(user).toEqual([
      ['บทบาท', 'เจ้าหน้าที่สวัสดิการสังคม'],
      ['หมู่บ้าน', 'หมู่ที่ 1 บ้านพระเจ้า'],
    ]);
    expect(detailLines({ reason: 'invalid_credentials', clientId: 'client-1' }, names)).toEqual([
      ['เหตุผล', 'ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง'],
      ['อุปกรณ์', 'Chrome · Android 13'],
    ]);
  });

  it('names detail keys the screen never heard of without showing the code', () => {
    const lines = detailLines(
      { subdistrictCode: '451804', timeRefused: 'before_2020', keyAddedLater: 'x' },
      names,
    );
    expect(lines).toContainEqual(['รหัสตำบล', '451804']);
    expect(lines).toContainEqual(['เวลาเครื่องไม่น่าเชื่อถือ', 'ก่อนปี พ.ศ. 2563']);
    expect(lines.map(([key]) => key).join()).not.toMatch(/[a-z]/i);
  });

  it('reads the filter dates typed in พ.ศ.', () => {
    expect(isoOfParts({ day: '1', month: '3', year: '2569' }, '2026-12-05')).toBe('2026-03-01');
    expect(isoOfParts({ day: '', month: '', year: '' }, '2026-12-05')).toBe('');
    expect(isoOfParts({ day: '', month: '3', year: '2569' }, '2026-12-05')).toBeNull();
  });

  it('writes CSV times in Bangkok with the Buddhist-era year (the next day after 17:00 UTC)', () => {
    expect(bangkokCsvTime('2026-12-05T17:30:09.000Z')).toBe('06/12/2569 00:30:09');
  });
});
