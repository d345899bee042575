import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.js';
import { requireActor } from '../http/context.js';
import { authorize } from '../auth/roles.js';
import { isIsoDate } from '../checks.js';
import { chinaToday } from './working-days.js';
import { deleteDay, enterYear, knownYears, loadCalendar, setDay } from './store.js';

const IsoDate = z.string().refine(isIsoDate, '日期须为有效的 YYYY-MM-DD');
const Year = z.coerce.number().int().min(2000).max(2100);
const DaySchema = z.object({ date: IsoDate, kind: z.enum(['holiday', 'workday']), name: z.string().trim().min(1, '请填写名称').max(40) });
const Source = z.enum(['package', 'entered', 'missing']);

export const calendarRoutes =
  ({ db }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/calendar/years',
      {
        config: { access: 'public' },
        schema: { tags: ['calendar'], summary: '已知年份的节假日安排来源', response: { 200: z.object({ items: z.array(z.object({ year: z.number().int(), source: Source, corrections: z.number().int() })) }) } },
      },
      async () => {
        const cal = await loadCalendar(db);
        const entered = (await db.kysely.selectFrom('calendar_years').select('year').execute()).map((r) => r.year);
        const thisYear = Number(chinaToday().slice(0, 4));
        return { items: knownYears(cal, entered, thisYear).map((year) => ({ year, source: cal.yearSource(year), corrections: cal.enteredCount(year) })) };
      },
    );

    app.get(
      '/calendar/days',
      {
        config: { access: 'public' },
        schema: {
          tags: ['calendar'],
          summary: '某年的放假日和调休上班日',
          querystring: z.object({ year: Year }),
          response: { 200: z.object({ year: z.number().int(), source: Source, days: z.array(DaySchema.extend({ origin: z.enum(['package', 'entered']) })) }) },
        },
      },
      async (req) => {
        const cal = await loadCalendar(db);
        return { year: req.query.year, source: cal.yearSource(req.query.year), days: cal.specialDaysOf(req.query.year) };
      },
    );

    app.post(
      '/calendar/years',
      {
        config: { access: 'user' },
        schema: {
          tags: ['calendar'],
          summary: '录入一年的节假日安排（国务院办公厅通知）',
          body: z.object({ year: Year, days: z.array(DaySchema).min(1).max(200) }),
          response: { 201: z.object({ year: z.number().int(), source: Source, days: z.array(DaySchema.extend({ origin: z.enum(['package', 'entered']) })) }) },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        authorize(actor, 'calendar.manage');
        await enterYear(db, actor, req.body.year, req.body.days);
        const cal = await loadCalendar(db);
        return reply.code(201).send({ year: req.body.year, source: cal.yearSource(req.body.year), days: cal.specialDaysOf(req.body.year) });
      },
    );

    app.put(
      '/calendar/days/:date',
      {
        config: { access: 'user' },
        schema: { tags: ['calendar'], summary: '更正某一天', params: z.object({ date: IsoDate }), body: DaySchema.omit({ date: true }), response: { 200: DaySchema } },
      },
      async (req) => {
        const actor = requireActor(req);
        authorize(actor, 'calendar.manage');
        const day = { date: req.params.date, ...req.body };
        await setDay(db, actor, day);
        return day;
      },
    );

    app.delete(
      '/calendar/days/:date',
      { config: { access: 'user' }, schema: { tags: ['calendar'], summary: '删除录入的某天安排', params: z.object({ date: IsoDate }) } },
      async (req, reply) => {
        const actor = requireActor(req);
        authorize(actor, 'calendar.manage');
        await deleteDay(db, actor, req.params.date);
        return reply.code(204).send();
      },
    );

    app.get(
      '/calendar/add',
      {
        config: { access: 'public' },
        schema: {
          tags: ['calendar'],
          summary: '某日之后第 N 个工作日（当日不计）',
          querystring: z.object({ from: IsoDate, days: z.coerce.number().int().min(0).max(400) }),
          response: { 200: z.object({ from: z.string(), days: z.number().int(), date: z.string(), provisional: z.boolean() }) },
        },
      },
      async (req) => {
        const r = (await loadCalendar(db)).addWorkingDays(req.query.from, req.query.days);
        return { from: req.query.from, days: req.query.days, ...r };
      },
    );

    app.get(
      '/calendar/between',
      {
        config: { access: 'public' },
        schema: {
          tags: ['calendar'],
          summary: '两日之间的工作日数（起日不计，止日计）',
          querystring: z.object({ from: IsoDate, to: IsoDate }).refine((q) => Math.abs(Date.parse(q.to) - Date.parse(q.from)) <= 3 * 366 * 86400_000, '两个日期相隔不能超过三年'),
          response: { 200: z.object({ from: z.string(), to: z.string(), workingDays: z.number().int(), provisional: z.boolean() }) },
        },
      },
      async (req) => {
        const r = (await loadCalendar(db)).workingDaysBetween(req.query.from, req.query.to);
        return { from: req.query.from, to: req.query.to, ...r };
      },
    );
  };
