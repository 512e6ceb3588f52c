import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, localDayOf, localDayRange } from '../../src/plays/local-days.js';
import { csvField, formatReachCsv } from '../../src/plays/reach-csv.js';

describe('CSV fields', () => {
  it('quote commas, quotes, line breaks and edge spaces, and leave plain text alone', () => {
    expect(csvField('Västerås')).toBe('Västerås');
    expect(csvField('Stockholm, City')).toBe('"Stockholm, City"');
    expect(csvField('the "best" store')).toBe('"the ""best"" store"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(null)).toBe('');
    expect(csvField(0.025)).toBe('0.025');
  });

  it('start with a byte-order mark and a header row, and end every line with CRLF', () => {
    const csv = formatReachCsv([
      {
        day: '2026-11-20',
        countyCode: '19',
        countyName: 'Västmanlands län',
        municipalityCode: null,
        municipalityName: null,
        plays: 3,
        screenHours: 0.008,
        screens: 1,
      },
    ]);
    expect(csv).toBe(
      '\uFEFFday,county_code,county_name,municipality_code,municipality_name,plays,screen_hours,screens\r\n2026-11-20,19,Västmanlands län,,,3,0.008,1\r\n',
    );
  });
});

describe('local report days', () => {
  it('put 22:59Z and 23:01Z on a winter evening on different Swedish days, and 21:59Z/22:01Z in summer', () => {
    expect(localDayOf(new Date('2026-11-20T22:59:00Z'))).toBe('2026-11-20');
    expect(localDayOf(new Date('2026-11-20T23:01:00Z'))).toBe('2026-11-21');
    expect(localDayOf(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(localDayOf(new Date('2026-07-01T22:01:00Z'))).toBe('2026-07-02');
  });

  it('span 23 hours on the spring-forward day and 25 on the fall-back day', () => {
    const hours = (day: string) => {
      const { start, end } = localDayRange(day);
      return (end.getTime() - start.getTime()) / 3_600_000;
    };
    expect(hours('2026-03-29')).toBe(23);
    expect(hours('2026-10-25')).toBe(25);
    expect(hours('2026-11-20')).toBe(24);
    expect(localDayRange('2026-11-20').start.toISOString()).toBe('2026-11-19T23:00:00.000Z');
  });

  it('count calendar days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-20', '2026-11-23')).toBe(3);
    expect(daysBetween('2026-11-23', '2026-11-20')).toBe(-3);
  });
});
