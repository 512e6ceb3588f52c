import { DateTime } from 'luxon';
import type { FieldProblem } from '../errors.js';

/** Events are written in Swedish local time. */
export const EVENT_TIME_ZONE = 'Europe/Stockholm';

/** When an event takes place, as written: local dates and optional clock times ('HH:MM'). */
export interface EventTiming {
  startDate: string;
  startTime: string | null;
  endDate: string;
  endTime: string | null;
}

/** The instants of an event: an all-day event runs from the first midnight to the one after its last day. */
export interface EventInstants {
  startsAt: Date;
  /** Null when only a start time was given. */
  endsAt: Date | null;
}

/** A local date and clock time as an instant (a time in the spring-forward gap moves past it). */
export function localInstant(date: string, time: string, zone = EVENT_TIME_ZONE): Date {
  return DateTime.fromISO(`${date}T${time}`, { zone }).toJSDate();
}

/** The local midnight that starts a date. */
export function startOfLocalDay(date: string, zone = EVENT_TIME_ZONE): Date {
  return DateTime.fromISO(date, { zone }).startOf('day').toJSDate();
}

/** The local midnight after a date (so a day "until 16 November" ends here). */
export function endOfLocalDay(date: string, zone = EVENT_TIME_ZONE): Date {
  return DateTime.fromISO(date, { zone }).plus({ days: 1 }).startOf('day').toJSDate();
}

/** Whether a string is a real calendar date 'YYYY-MM-DD' (not 2026-02-30). */
export function isRealDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && DateTime.fromISO(date).isValid;
}

/** The instants an event's timing stands for. */
export function eventInstants(timing: EventTiming, zone = EVENT_TIME_ZONE): EventInstants {
  if (timing.startTime === null) {
    return { startsAt: startOfLocalDay(timing.startDate, zone), endsAt: endOfLocalDay(timing.endDate, zone) };
  }
  return {
    startsAt: localInstant(timing.startDate, timing.startTime, zone),
    endsAt: timing.endTime === null ? null : localInstant(timing.endDate, timing.endTime, zone),
  };
}

/** What is wrong with a timing and its registration deadline, per field (empty when it is sound). */
export function timingProblems(timing: EventTiming, registrationDeadline?: string | null): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['startDate', 'endDate'] as const) {
    if (!isRealDate(timing[field])) problems.push({ field, message: 'not a calendar date (YYYY-MM-DD)' });
  }
  if (problems.length) return problems;
  if (timing.startTime === null && timing.endTime !== null) {
    problems.push({ field: 'endTime', message: 'an end time needs a start time' });
  } else if (timing.endDate < timing.startDate) {
    problems.push({ field: 'endDate', message: 'the event cannot end before it starts' });
  } else if (timing.startTime !== null && timing.endTime === null && timing.endDate !== timing.startDate) {
    problems.push({
      field: 'endTime',
      message: 'an event over several days needs an end time (or no times at all)',
    });
  } else {
    const { startsAt, endsAt } = eventInstants(timing);
    if (endsAt !== null && endsAt.getTime() <= startsAt.getTime()) {
      problems.push({ field: 'endTime', message: 'the event must end after it starts' });
    }
  }
  if (registrationDeadline) {
    if (!isRealDate(registrationDeadline)) {
      problems.push({ field: 'registration.deadline', message: 'not a calendar date (YYYY-MM-DD)' });
    } else if (registrationDeadline > timing.endDate) {
      problems.push({
        field: 'registration.deadline',
        message: 'the registration deadline is after the event',
      });
    }
  }
  return problems;
}

/** What decides whether an event is still listed. */
export interface EventLifetime {
  startsAt: Date;
  endsAt: Date | null;
  registrationRequired: boolean;
  registrationDeadline: string | null;
}

/**
 * Whether an event is over at an instant: after its end, or (without an end time) once it has
 * started, since a screen cannot tell how long it lasts.
 */
export function eventIsOver(event: Pick<EventLifetime, 'startsAt' | 'endsAt'>, at: Date): boolean {
  return (event.endsAt ?? event.startsAt).getTime() <= at.getTime();
}

/** Whether registration is still taken at an instant (open through the deadline's local day). */
export function registrationIsOpen(
  event: Pick<EventLifetime, 'registrationRequired' | 'registrationDeadline'>,
  at: Date,
): boolean {
  if (!event.registrationRequired || !event.registrationDeadline) return true;
  return at.getTime() < endOfLocalDay(event.registrationDeadline).getTime();
}

/** Whether screens still show an event: not over, and not closed for registration when it needs one. */
export function eventShowsOnScreens(event: EventLifetime, at: Date): boolean {
  return !eventIsOver(event, at) && registrationIsOpen(event, at);
}
