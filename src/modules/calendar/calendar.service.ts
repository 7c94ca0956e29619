import { z } from 'zod';
import {
  authorize,
  newId,
  parseInput,
  requireUser,
  systemContext,
  validationError,
  type AnyTx,
  type AuditPort,
  type Clock,
  type Db,
  type RequestContext,
} from '../../kernel/index.js';
import type { AlertsService } from '../alerts/index.js';
import { calendarRepo as repo } from './calendar.repository.js';
import { parseCalendarYear } from './domain/calendar-file.js';
import type { WorkingCalendar } from './domain/calendar.js';
import { deadline, type Deadline } from './domain/deadline.js';
import type { CalendarYear } from './domain/types.js';
import { createCalendar, SHIPPED_CALENDAR_YEARS } from './shipped.js';

// The calendar in force: the shipped official years plus any year secadmin loads (a loaded year replaces the
// shipped one). Deadlines computed past the loaded years are provisional and raise one alert per year for
// secadmin to load the next schedule.

/** Dependencies of the calendar service. */
export interface CalendarDeps {
  db: Db;
  audit: AuditPort;
  clock: Clock;
  alerts: Pick<AlertsService, 'raise'>;
}

export const deadlineQuery = z.object({
  from: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 instant with offset' }).optional(),
  workingDays: z.coerce.number().int().min(1).max(1000),
});

export const monthQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM') });

/** Calendar years, deadlines and day information. */
export class CalendarService {
  private cached: { version: string; calendar: WorkingCalendar } | undefined;

  constructor(private readonly deps: CalendarDeps) {}

  /** The calendar in force: cached, rebuilt whenever the loaded years changed (in any process). */
  async calendar(tx: AnyTx = this.deps.db.kysely): Promise<WorkingCalendar> {
    // A one-row version probe instead of trusting a per-process cache: another server process (or a
    // concurrent upload) may have changed the years since we built ours.
    const version = await repo.version(tx);
    if (this.cached && this.cached.version === version) return this.cached.calendar;
    const loaded = (await repo.all(tx)).map((r) => JSON.parse(r.data) as CalendarYear);
    const calendar = createCalendar(loaded);
    this.cached = { version, calendar };
    return calendar;
  }

  /** A deadline of N working days from an instant; raises the provisional alert when needed. */
  async deadline(tx: AnyTx, ctx: RequestContext, from: Date, workingDays: number): Promise<Deadline> {
    const d = deadline(await this.calendar(tx), from, workingDays);
    if (d.provisional) {
      const year = Number(d.dueDate.slice(0, 4));
      await this.deps.alerts.raise(tx, ctx, {
        severity: 'warning',
        source: 'calendar',
        type: 'calendar.provisional',
        title: `工作日历缺少 ${year} 年安排：期限按周末估算（临时）`,
        detail: `有期限落在 ${year} 年，超出已载入的工作日历：在安全管理员载入 ${year} 年节假日安排之前，只按周末计算，期限为临时期限。`,
        subjectType: 'calendar_year',
        subjectId: String(year),
        responsibleRole: 'secadmin',
        dedupKey: `calendar.provisional:${year}`,
      });
    }
    return d;
  }

  /** Computes a deadline for a user (the console's calculator): read-only, so it raises no alert. */
  async computeDeadline(ctx: RequestContext, query: unknown): Promise<Deadline> {
    requireUser(ctx);
    const q = parseInput(deadlineQuery, query);
    const from = q.from ? new Date(q.from) : this.deps.clock.now();
    return deadline(await this.calendar(), from, q.workingDays);
  }

  /** The years in force and where each comes from. */
  async years(ctx: RequestContext) {
    requireUser(ctx);
    const loaded = await repo.all(this.deps.db.kysely);
    const byYear = new Map<
      number,
      {
        year: number;
        source: string;
        origin: 'shipped' | 'loaded';
        holidays: number;
        workdays: number;
        updatedAt: string | null;
      }
    >();
    for (const y of SHIPPED_CALENDAR_YEARS) {
      byYear.set(y.year, {
        year: y.year,
        source: y.source,
        origin: 'shipped',
        holidays: y.holidays.length,
        workdays: y.workdays.length,
        updatedAt: null,
      });
    }
    for (const r of loaded) {
      const y = JSON.parse(r.data) as CalendarYear;
      byYear.set(y.year, {
        year: y.year,
        source: y.source,
        origin: 'loaded',
        holidays: y.holidays.length,
        workdays: y.workdays.length,
        updatedAt: r.updated_at,
      });
    }
    return [...byYear.values()].sort((a, b) => a.year - b.year);
  }

  /** Each day of a month with its kind (for the console's calendar view). */
  async month(ctx: RequestContext, query: unknown) {
    requireUser(ctx);
    const { month } = parseInput(monthQuery, query);
    const cal = await this.calendar();
    const [y, m] = month.split('-').map(Number) as [number, number];
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return Array.from({ length: days }, (_, i) => cal.dayInfo(`${month}-${String(i + 1).padStart(2, '0')}`));
  }

  /** Loads or replaces a year's schedule (secadmin), validated in full. */
  async putYear(ctx: RequestContext, year: number, input: unknown) {
    authorize(ctx, 'security.policy');
    const r = parseCalendarYear(input, { year });
    if (!r.ok || !r.value) {
      throw validationError(
        r.issues
          .filter((i) => i.severity === 'error')
          .map((i) => ({ field: i.path, code: i.code, message: i.message })),
        'The calendar year file is invalid.',
      );
    }
    const value = r.value;
    await this.deps.db.kysely.transaction().execute(async (tx) => {
      await repo.upsert(tx, year, JSON.stringify(value), this.deps.clock.now().toISOString(), ctx.actor.id);
      await this.deps.audit.record(tx, ctx, {
        action: 'calendar.year.put',
        subjectType: 'calendar_year',
        subjectId: String(year),
        change: value,
        details: { year, holidays: value.holidays.length, workdays: value.workdays.length },
      });
    });
    return { year, warnings: r.issues.filter((i) => i.severity === 'warning') };
  }
}

/** A context for deadline computations by background work. */
export function calendarSystemContext(): RequestContext {
  return systemContext('calendar', newId());
}
