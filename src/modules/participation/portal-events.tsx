import Html from '@kitajs/html';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/errors.js';
import { chinaToday } from '../../platform/calendar/working-days.js';
import { PUBLIC_FORM_LIMIT } from '../consult/routes.js';
import { ErrorSummary, Field, crossSite, formBody, newFormToken, type FieldErrors, type FormValues } from '../../platform/portal/forms.js';
import { sendPage } from '../consult/portal-ui.js';
import { applyToAttend, applicationsOf, register, type MeetingRow, type OpenDayRow } from './events.js';
import { publicName } from './rules.js';
import { pdb } from './tables.js';

/** Portal pages: 列席会议 (announcement, apply, attendee list) and 政府开放日 (register, waiting list, summary and photos). */
const MEETINGS = { href: '/interact/meetings', label: '列席会议' };
const OPEN_DAYS = { href: '/interact/open-days', label: '政府开放日' };
const LABELS = { name: '姓名', phone: '联系电话', identity: '身份（职业）', reason: '申请理由', form_token: '表单' };
const MEETING_STATUS: Record<string, string> = { announced: '报名中', selected: '已确定列席人员', held: '已召开' };

export const eventsPortal =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    // Registered inside participationPortal, whose form parser it inherits.
    const k = pdb(ctx.db);
    const idOf = (req: FastifyRequest) => {
      const n = Number((req.params as { id: string }).id);
      return Number.isInteger(n) && n > 0 ? n : 0;
    };
    const gone = (req: FastifyRequest, reply: FastifyReply, crumb: { href: string; label: string }) => sendPage(ctx, req, reply, '内容不存在', [crumb, { label: '内容不存在' }], '<h1>内容不存在</h1>', 404);

    app.get('/interact/meetings', async (req, reply) => {
      const rows = await k.selectFrom('open_meetings').selectAll().orderBy('meeting_at', 'desc').limit(100).execute();
      return sendPage(ctx, req, reply, '列席会议', [{ label: '列席会议' }], (
        <>
          <h1>公众列席政府常务会议</h1>
          <ul>
            {rows.map((m) => <li><a href={`/interact/meetings/${m.id}`} safe>{m.title}</a> <span class="muted" safe>{`${m.meeting_at.slice(0, 10)} · ${MEETING_STATUS[m.status] ?? m.status}`}</span></li>)}
          </ul>
          {!rows.length ? <p class="notice">暂无开放列席的会议。</p> : ''}
        </>
      ) as string, 200, true);
    });

    const meetingPage = async (req: FastifyRequest, reply: FastifyReply, m: MeetingRow, v: FormValues, errors: FieldErrors, status = 200, notice = '') => {
      const apps = m.status === 'announced' ? [] : (await applicationsOf(ctx.db, m.id)).filter((a) => a.status === 'selected');
      const open = m.status === 'announced' && chinaToday() <= m.apply_end_on;
      return sendPage(ctx, req, reply, m.title, [MEETINGS, { label: m.title }], (
        <>
          <h1 safe>{m.title}</h1>
          <table>
            <caption class="muted">会议信息</caption>
            <tbody>
              <tr><th scope="row">会议时间</th><td safe>{m.meeting_at.replace('T', ' ')}</td></tr>
              <tr><th scope="row">地点</th><td safe>{m.location}</td></tr>
              <tr><th scope="row">列席名额</th><td safe>{`${m.seats} 人`}</td></tr>
              <tr><th scope="row">报名截止</th><td safe>{m.apply_end_on}</td></tr>
            </tbody>
          </table>
          <h2>议题</h2>
          <p class="qa-answer" safe>{m.topics}</p>
          {m.announcement ? <p class="qa-answer" safe>{m.announcement}</p> : ''}
          {notice ? <p class="notice" role="status" safe>{notice}</p> : ''}
          {open ? (
            <section aria-labelledby="apply-h">
              <h2 id="apply-h">申请列席</h2>
              <ErrorSummary errors={errors} labels={LABELS} />
              <form class="gk-form" method="post" action={`/interact/meetings/${m.id}/apply`} novalidate>
                <input type="hidden" name="form_token" value={v.form_token || newFormToken()} />
                <Field id="name" label="姓名" required v={v} errors={errors} autocomplete="name" maxlength={50} />
                <Field id="phone" label="联系电话" required type="tel" v={v} errors={errors} autocomplete="tel" maxlength={30} />
                <Field id="identity" label="身份（职业）" v={v} errors={errors} maxlength={100} hint="如：企业代表、社区居民、人大代表等。" />
                <Field id="reason" label="申请理由" required v={v} errors={errors} rows={4} maxlength={1000} />
                <p><button type="submit">提交申请</button></p>
              </form>
            </section>
          ) : ''}
          {apps.length ? (
            <>
              <h2>列席人员</h2>
              <table>
                <caption class="muted">经遴选的列席人员及其意见</caption>
                <thead><tr><th scope="col">列席人员</th><th scope="col">身份</th><th scope="col">意见建议</th></tr></thead>
                <tbody>{apps.map((a) => <tr><td safe>{publicName(a.name)}</td><td safe>{a.identity}</td><td safe>{a.opinion || '—'}</td></tr>)}</tbody>
              </table>
            </>
          ) : ''}
          {m.record ? <><h2>会议情况</h2><p class="qa-answer" safe>{m.record}</p></> : ''}
        </>
      ) as string, status);
    };

    app.get('/interact/meetings/:id', async (req, reply) => {
      const m = await k.selectFrom('open_meetings').selectAll().where('id', '=', idOf(req)).executeTakeFirst();
      return m ? meetingPage(req, reply, m, {}, {}) : gone(req, reply, MEETINGS);
    });
    app.post('/interact/meetings/:id/apply', { config: { rateLimit: PUBLIC_FORM_LIMIT } }, async (req, reply) => {
      const m = await k.selectFrom('open_meetings').selectAll().where('id', '=', idOf(req)).executeTakeFirst();
      if (!m) return gone(req, reply, MEETINGS);
      const v = formBody(req);
      if (crossSite(req)) return meetingPage(req, reply, m, v, { form_token: '请求来源不可信，请在本站页面提交' }, 403);
      try {
        const r = await applyToAttend(ctx.db, m.id, { name: v.name ?? '', phone: v.phone ?? '', identity: v.identity ?? '', reason: v.reason ?? '', idempotencyKey: v.form_token });
        return meetingPage(req, reply, m, {}, {}, r.replayed ? 200 : 201, '申请已提交。遴选结果将通过您留下的电话告知。');
      } catch (err) {
        if (err instanceof AppError && err.status < 500) {
          const field = { name_required: 'name', invalid_phone: 'phone', already_applied: 'phone', reason_required: 'reason' }[err.code] ?? 'form_token';
          return meetingPage(req, reply, m, v, { [field]: err.message }, err.status);
        }
        throw err;
      }
    });

    app.get('/interact/open-days', async (req, reply) => {
      const rows = await k.selectFrom('open_days').selectAll().where('status', '!=', 'draft').orderBy('event_on', 'desc').limit(100).execute();
      return sendPage(ctx, req, reply, '政府开放日', [{ label: '政府开放日' }], (
        <>
          <h1>政府开放日</h1>
          <ul>
            {rows.map((o) => <li><a href={`/interact/open-days/${o.id}`} safe>{o.title}</a> <span class="muted" safe>{`${o.event_on} · ${o.theme}`}</span></li>)}
          </ul>
          {!rows.length ? <p class="notice">暂无开放日活动。</p> : ''}
        </>
      ) as string, 200, true);
    });

    const openDayPage = async (req: FastifyRequest, reply: FastifyReply, o: OpenDayRow, v: FormValues, errors: FieldErrors, status = 200, notice = '') => {
      const counts = await k.selectFrom('open_day_registrations').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('open_day_id', '=', o.id).groupBy('status').execute();
      const registered = Number(counts.find((c) => c.status === 'registered')?.n ?? 0);
      const photos = o.summary_published_at ? await k.selectFrom('open_day_photos').select(['id', 'caption']).where('open_day_id', '=', o.id).orderBy('id').execute() : [];
      const open = o.status === 'open' && chinaToday() <= o.register_end_on;
      return sendPage(ctx, req, reply, o.title, [OPEN_DAYS, { label: o.title }], (
        <>
          <h1 safe>{o.title}</h1>
          <table>
            <caption class="muted">活动信息</caption>
            <tbody>
              <tr><th scope="row">主题</th><td safe>{o.theme}</td></tr>
              <tr><th scope="row">日期</th><td safe>{o.event_on}</td></tr>
              <tr><th scope="row">地点</th><td safe>{o.location}</td></tr>
              <tr><th scope="row">名额</th><td safe>{`${o.capacity} 人（已报名 ${Math.min(registered, o.capacity)} 人${registered >= o.capacity ? '，已满，可报名候补' : ''}）`}</td></tr>
              <tr><th scope="row">报名截止</th><td safe>{o.register_end_on}</td></tr>
            </tbody>
          </table>
          <p class="qa-answer" safe>{o.description}</p>
          {notice ? <div class="receipt" role="status" safe>{notice}</div> : ''}
          {open ? (
            <section aria-labelledby="reg-h">
              <h2 id="reg-h">报名参加</h2>
              <ErrorSummary errors={errors} labels={LABELS} />
              <form class="gk-form" method="post" action={`/interact/open-days/${o.id}/register`} novalidate>
                <input type="hidden" name="form_token" value={v.form_token || newFormToken()} />
                <Field id="name" label="姓名" required v={v} errors={errors} autocomplete="name" maxlength={50} />
                <Field id="phone" label="联系电话" required type="tel" v={v} errors={errors} autocomplete="tel" maxlength={30} />
                <p><button type="submit">报名</button></p>
              </form>
            </section>
          ) : ''}
          {o.summary_published_at ? (
            <section aria-labelledby="sum-h">
              <h2 id="sum-h">活动回顾</h2>
              <p class="qa-answer" safe>{o.summary}</p>
              {photos.map((p) => <figure><img src={`/interact/open-days/${o.id}/photos/${p.id}`} alt={p.caption} width="480" /><figcaption safe>{p.caption}</figcaption></figure>)}
            </section>
          ) : ''}
        </>
      ) as string, status);
    };

    app.get('/interact/open-days/:id', async (req, reply) => {
      const o = await k.selectFrom('open_days').selectAll().where('id', '=', idOf(req)).executeTakeFirst();
      return o ? openDayPage(req, reply, o, {}, {}) : gone(req, reply, OPEN_DAYS);
    });
    app.post('/interact/open-days/:id/register', { config: { rateLimit: PUBLIC_FORM_LIMIT } }, async (req, reply) => {
      const o = await k.selectFrom('open_days').selectAll().where('id', '=', idOf(req)).executeTakeFirst();
      if (!o) return gone(req, reply, OPEN_DAYS);
      const v = formBody(req);
      if (crossSite(req)) return openDayPage(req, reply, o, v, { form_token: '请求来源不可信，请在本站页面提交' }, 403);
      try {
        const r = await register(ctx.db, o.id, { name: v.name ?? '', phone: v.phone ?? '', idempotencyKey: v.form_token });
        const msg = r.status === 'registered' ? `报名成功。报名码：${r.code}，活动当天凭报名码签到。` : `名额已满，您已进入候补（第 ${r.position} 位）。报名码：${r.code}，有人取消时按顺序递补。`;
        return openDayPage(req, reply, o, {}, {}, r.replayed ? 200 : 201, msg);
      } catch (err) {
        if (err instanceof AppError && err.status < 500) {
          const field = { name_required: 'name', invalid_phone: 'phone', already_registered: 'phone' }[err.code] ?? 'form_token';
          return openDayPage(req, reply, o, v, { [field]: err.message }, err.status);
        }
        throw err;
      }
    });
    app.get('/interact/open-days/:id/photos/:photoId', async (req, reply) => {
      const photoId = Number((req.params as { photoId: string }).photoId);
      const p = Number.isInteger(photoId) && photoId > 0 ? await k.selectFrom('open_day_photos as p').innerJoin('open_days as o', 'o.id', 'p.open_day_id').select(['p.mime', 'p.content']).where('p.id', '=', photoId).where('p.open_day_id', '=', idOf(req)).where('o.summary_published_at', 'is not', null).executeTakeFirst() : undefined;
      if (!p) return reply.code(404).type('text/plain; charset=utf-8').send('照片不存在');
      return reply.type(p.mime).header('x-content-type-options', 'nosniff').header('cache-control', 'public, max-age=3600').send(Buffer.from(p.content));
    });
  };
