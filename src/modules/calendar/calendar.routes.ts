import { z } from 'zod';
import { route, type RouteDef } from '../../kernel/index.js';
import { deadlineQuery, monthQuery, type CalendarService } from './calendar.service.js';

const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/** Calendar routes. */
export function calendarRoutes(c: CalendarService): RouteDef[] {
  const T = ['calendar'];
  return [
    route({
      method: 'GET',
      url: '/api/v1/calendar/years',
      summary: 'Calendar years in force (shipped or loaded)',
      tags: T,
      auth: 'user',
      handler: ({ ctx }) => c.years(ctx),
    }),
    route({
      method: 'PUT',
      url: '/api/v1/calendar/years/:year',
      summary: "Load or replace a year's holiday schedule (secadmin)",
      tags: T,
      auth: 'user',
      params: yearParams,
      body: z.unknown(),
      handler: ({ ctx, params, body }) => c.putYear(ctx, params.year, body),
    }),
    route({
      method: 'GET',
      url: '/api/v1/calendar/month',
      summary: 'Each day of a month: weekday, weekend, holiday or make-up workday',
      tags: T,
      auth: 'user',
      query: monthQuery,
      handler: ({ ctx, query }) => c.month(ctx, query),
    }),
    route({
      method: 'GET',
      url: '/api/v1/calendar/deadline',
      summary: 'When N working days from an instant fall due (24:00 Asia/Shanghai)',
      tags: T,
      auth: 'user',
      query: deadlineQuery,
      handler: ({ ctx, query }) => c.computeDeadline(ctx, query),
    }),
  ];
}
