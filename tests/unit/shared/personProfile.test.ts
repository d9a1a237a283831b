import { describe, expect, it } from 'vitest';
import {
  elderlyBand,
  householdMissing,
  personProfile,
  surveyRound,
} from '../../../src/shared/rules/personProfile';
import { ADL_BEDBOUND } from '../client/search/fixtures';

describe('personProfile', () => {
  const today = '2026-11-21';

  it('derives an 82-year-old bedridden elder: band 80, 800 THB, ADL 3 ติดเตียง', () => {
    const profile = personProfile(
      {
        nationalId: '1234567890121',
        firstName: 'คำปั่น',
        lastName: 'ใจดี',
        sex: 'F',
        relationToHead: 'parent',
        birthDate: '1944-03-02',
        adl: ADL_BEDBOUND,
      },
      today,
    );
    expect(profile).toMatchObject({
      age: 82,
      elderly: true,
      elderlyBand: 80,
      elderlyAllowanceTHB: 800,
      adlScore: 3,
      adlGroup: 'bedbound',
      bedridden: true,
      eligibleNotReceiving: ['elderly'],
      missing: [],
      active: true,
    });
  });

  it('counts the elderly allowance at the fiscal-year cut-off, not at the birthday', () => {
    // FY2570 (Oct 2026 – Sep 2027) counts age on 1 Sep 2027: born 1 Sep 1967 is 60 by then,
    // though 59 today; born 2 Sep 1967 is not.
    expect(personProfile({ birthDate: '1967-09-01' }, today).elderly).toBe(true);
    expect(personProfile({ birthDate: '1967-09-02' }, today).elderly).toBe(false);
    expect(personProfile({ birthDate: '1967-09-02' }, today).elderlyAllowanceTHB).toBe(0);
  });

  it('gives no Thai allowance to a non-Thai ID, a receiver or a deceased member', () => {
    const elder = { birthDate: '1950-01-01' };
    expect(
      personProfile({ ...elder, nationalId: '0123456789016' }, today).elderlyAllowanceTHB,
    ).toBe(0);
    expect(
      personProfile({ ...elder, receivesElderlyAllowance: true }, today).eligibleNotReceiving,
    ).toEqual([]);
    expect(personProfile({ ...elder, memberStatus: 'deceased' }, today).elderlyAllowanceTHB).toBe(
      0,
    );
  });

  it('disability allowance needs the card: 1,000 THB under 18, 800 from 18', () => {
    expect(personProfile({ birthDate: '2015-05-05', disabilityCard: true }, today)).toMatchObject({
      disabled: true,
      disabilityAllowanceTHB: 1000,
      eligibleNotReceiving: ['disability'],
    });
    expect(
      personProfile({ birthDate: '1990-05-05', disabilityCard: true }, today)
        .disabilityAllowanceTHB,
    ).toBe(800);
    expect(personProfile({ birthDate: '1990-05-05', disabilityTypes: [3] }, today)).toMatchObject({
      disabled: true,
      disabilityAllowanceTHB: 0,
    });
  });

  it('lists missing answers, and a missing ADL for the elderly and disabled only', () => {
    expect(personProfile({}, today).missing).toEqual([
      'nationalId',
      'birthDate',
      'sex',
      'relationToHead',
    ]);
    expect(personProfile({ birthDate: '1950-01-01' }, today).missing).toContain('adl');
    expect(personProfile({ birthDate: '2000-01-01' }, today).missing).not.toContain('adl');
  });

  it('places ages in the schedule bands', () => {
    expect([59, 60, 69, 70, 85, 90, 101].map((age) => elderlyBand(age, today))).toEqual([
      null,
      60,
      60,
      70,
      80,
      90,
      90,
    ]);
  });
});

describe('householdMissing and surveyRound', () => {
  it('asks for a house code, GPS and a head among active members', () => {
    expect(householdMissing({}, [])).toEqual(['houseCode', 'gps', 'members']);
    expect(
      householdMissing({ houseCode: '45180000001', gps: { lat: 16, lng: 103 } }, [
        { relationToHead: 'head', memberStatus: 'deceased' },
        { relationToHead: 'spouse' },
      ]),
    ).toEqual(['head']);
  });

  it('names the round after the fiscal year (พ.ศ.) of the survey date', () => {
    expect(surveyRound('2026-09-30')).toBe(2569);
    expect(surveyRound('2026-10-01')).toBe(2570);
  });
});
