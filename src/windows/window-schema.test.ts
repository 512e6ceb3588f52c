import { describe, expect, it } from 'vitest';
import { WindowSchema } from './window-schema.js';

function issuesOf(input: unknown): { path: string; message: string }[] {
  const result = WindowSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('WindowSchema', () => {
  it('accepts the real campaign windows', () => {
    expect(issuesOf({ spans: [{ kind: 'yearly', from: '02-01', to: '03-31' }] })).toEqual([]);
    expect(issuesOf({ spans: [{ kind: 'yearly', from: '12-15', to: '03-31' }] })).toEqual([]);
    expect(issuesOf({ spans: [{ kind: 'isoWeek', week: 48 }] })).toEqual([]);
    expect(
      issuesOf({
        timeZone: 'Europe/Helsinki',
        spans: [{ kind: 'dates', from: '2028-02-29', to: '2028-03-01' }],
        weekdays: [5],
        timesOfDay: [{ from: '22:00', to: '02:00' }],
      }),
    ).toEqual([]);
  });

  it('rejects a date that is not in the calendar', () => {
    expect(issuesOf({ spans: [{ kind: 'dates', from: '2027-02-30' }] })).toEqual([
      { path: 'spans.0.from', message: 'no such date in the calendar' },
    ]);
    expect(issuesOf({ spans: [{ kind: 'dates', from: '2027-01-01', to: '2027-13-01' }] })).toEqual([
      { path: 'spans.0.to', message: 'no such date in the calendar' },
    ]);
  });

  it('rejects a month-day that no year has but allows 02-29', () => {
    expect(issuesOf({ spans: [{ kind: 'yearly', from: '13-01', to: '02-30' }] })).toEqual([
      { path: 'spans.0.from', message: 'no such month and day (02-29 is allowed)' },
      { path: 'spans.0.to', message: 'no such month and day (02-29 is allowed)' },
    ]);
    expect(issuesOf({ spans: [{ kind: 'yearly', from: '02-29', to: '02-29' }] })).toEqual([]);
  });

  it('rejects a dates span that ends before it starts', () => {
    expect(issuesOf({ spans: [{ kind: 'dates', from: '2027-03-31', to: '2027-02-01' }] })).toEqual([
      { path: 'spans.0.to', message: 'the last date is before the first date' },
    ]);
    expect(issuesOf({ spans: [{ kind: 'dates', from: '2027-03-31', to: '2027-03-31' }] })).toEqual([]);
  });

  it('rejects an unknown IANA time zone', () => {
    expect(issuesOf({ timeZone: 'Europe/Stokholm', spans: [{ kind: 'always' }] })).toEqual([
      { path: 'timeZone', message: 'not a known IANA time zone' },
    ]);
  });

  it('allows 24:00 only as an end time', () => {
    expect(issuesOf({ spans: [{ kind: 'always' }], timesOfDay: [{ from: '18:00', to: '24:00' }] })).toEqual(
      [],
    );
    expect(issuesOf({ spans: [{ kind: 'always' }], timesOfDay: [{ from: '24:00', to: '02:00' }] })).toEqual([
      { path: 'timesOfDay.0.from', message: '24:00 is only allowed as an end time' },
    ]);
  });
});
