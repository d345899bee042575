import fs from 'node:fs';
import Html from '@kitajs/html';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/http/context.js';
import { listUnits } from '../../platform/units/units.js';
import { AppError } from '../../platform/errors.js';
import { QuestionInput } from './model.js';
import { RATINGS, TOPICS, type Rating } from './rules.js';
import { createQuestion } from './questions.js';
import { rate, trackQuestion, type TrackingView } from './replies.js';
import { similarQuestions, getKbEntry, listKb, type Suggestion } from './kb.js';
import { cdb } from './tables.js';
import { PUBLIC_FORM_LIMIT } from './routes.js';
import { Checkbox, ErrorSummary, Field, Radios, acceptForms, crossSite, formBody, issuesToErrors, newFormToken, type FieldErrors, type FormValues } from '../../platform/portal/forms.js';
import { sendPage } from './portal-ui.js';
import { statsPortal } from './stats-portal.js';

/** Portal pages of 政策咨询: ask (with similar answers), receipt, track and rate, the knowledge base. */
const SCRIPT = fs.readFileSync(new URL('./static/similar.js', import.meta.url));
const CONSULT = { href: '/interact/consult', label: '政策咨询' };
const LABELS: Record<string, string> = { topic: '咨询主题', policyTitle: '相关政策', question: '咨询内容', unitId: '咨询单位', name: '称呼', phone: '联系电话', email: '电子邮箱', form_token: '表单', rating: '评价', comment: '评价说明' };
const CODE_FIELD: Record<string, string> = { contact_required: 'phone', invalid_unit: 'unitId', comment_required: 'comment', not_ratable: 'rating' };

function Suggestions({ items, heading }: { items: Suggestion[]; heading: string }) {
  if (!items.length) return <p class="muted">没有找到相似的已公开问答，您可以直接提交咨询。</p>;
  return (
    <section class="suggestions" aria-labelledby="sugg-h">
      <h2 id="sugg-h" safe>{heading}</h2>
      <ul>
        {items.map((s) => (
          <li>
            <a href={s.url} safe>{s.subject}</a>
            <p class="muted" safe>{s.answer.length > 100 ? `${s.answer.slice(0, 100)}…` : s.answer}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export const consultPortal =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    acceptForms(app);
    const page = (req: FastifyRequest, reply: FastifyReply, title: string, body: string, status = 200) =>
      sendPage(ctx, req, reply, title, title === '政策咨询' ? [{ label: '政策咨询' }] : [CONSULT, { label: title }], body, status);

    app.get('/static/consult-similar.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(SCRIPT));

    // 互动交流: the hub of both modules' pages.
    app.get('/interact/', async (req, reply) =>
      sendPage(ctx, req, reply, '互动交流', [], (
        <>
          <h1>互动交流</h1>
          <ul class="cards">
            <li class="card"><h2><a href="/interact/consult">政策咨询</a></h2><p>在线咨询政策，查看答复并评价；政策问答库。</p></li>
            <li class="card"><h2><a href="/interact/drafts">意见征集</a></h2><p>对政策草案发表意见，查看意见采纳情况。</p></li>
            <li class="card"><h2><a href="/interact/decisions">重大行政决策事项目录</a></h2><p>年度决策事项及其调整情况。</p></li>
            <li class="card"><h2><a href="/interact/meetings">列席会议</a></h2><p>报名列席政府常务会议。</p></li>
            <li class="card"><h2><a href="/interact/open-days">政府开放日</a></h2><p>报名参加政府开放日活动。</p></li>
          </ul>
        </>
      ) as string, 200, true),
    );

    app.get('/interact/consult', async (req, reply) =>
      page(req, reply, '政策咨询', (
        <>
          <h1>政策咨询</h1>
          <p>对本区政策有疑问，可在线咨询。承办单位在规定的工作日内答复，您可凭咨询编号和查询码查看答复并评价。</p>
          <ul class="cards">
            <li class="card"><h2><a href="/interact/consult/ask">我要咨询</a></h2></li>
            <li class="card"><h2><a href="/interact/consult/track">查看答复与评价</a></h2></li>
            <li class="card"><h2><a href="/interact/consult/kb">政策问答库</a></h2></li>
            <li class="card"><h2><a href="/interact/consult/stats">咨询办理情况统计</a></h2></li>
          </ul>
        </>
      ) as string),
    );

    const askForm = async (req: FastifyRequest, reply: FastifyReply, v: FormValues, errors: FieldErrors, suggestions: Suggestion[] | null, status = 200) => {
      const units = await listUnits(ctx.db);
      return page(req, reply, '我要咨询', (
        <>
          <h1>我要咨询</h1>
          <ErrorSummary errors={errors} labels={LABELS} />
          {suggestions ? <Suggestions items={suggestions} heading="相似问题的已公开答复" /> : ''}
          <form class="gk-form" method="post" action="/interact/consult/ask" novalidate>
            <input type="hidden" name="form_token" value={v.form_token || newFormToken()} />
            <fieldset>
              <legend>咨询内容</legend>
              <Field id="topic" label="咨询主题" required v={v} errors={errors} options={[['', '请选择'], ...TOPICS.map((t): [string, string] => [t, t])]} />
              <Field id="policyTitle" label="相关政策（可选）" v={v} errors={errors} hint="如咨询某一政策文件，请填写文件名称或文号。" maxlength={200} />
              <Field id="question" label="咨询内容" required v={v} errors={errors} rows={7} maxlength={4000} hint="请写明您的具体情况和想了解的问题（10 至 4000 字）。输入时下方会列出相似问题的已公开答复。" />
              <div id="live-suggestions" aria-live="polite"></div>
              <p>
                <button type="submit" name="action" value="similar" class="secondary">查找相似问题</button>
              </p>
              <Field id="unitId" label="咨询单位（可选）" v={v} errors={errors} options={[['', '不确定，由区政府办分办'], ...units.map((u): [string, string] => [String(u.id), u.name])]} />
            </fieldset>
            <fieldset>
              <legend>联系方式（不公开）</legend>
              <Field id="name" label="称呼" v={v} errors={errors} autocomplete="name" maxlength={50} />
              <Field id="phone" label="联系电话" type="tel" v={v} errors={errors} autocomplete="tel" maxlength={30} hint="联系电话和电子邮箱至少填写一项，用于告知答复结果。" />
              <Field id="email" label="电子邮箱" type="email" v={v} errors={errors} autocomplete="email" />
              <Checkbox id="consentPublish" label="同意在去除个人信息后将本咨询及答复公开到政策问答库" v={v} hint="公开时不含您的称呼和联系方式。" />
            </fieldset>
            <p>
              <button type="submit" name="action" value="submit">提交咨询</button>
            </p>
          </form>
          <script src="/static/consult-similar.js" defer></script>
        </>
      ) as string, status);
    };

    app.get('/interact/consult/ask', async (req, reply) => askForm(req, reply, {}, {}, null));

    app.post('/interact/consult/ask', { config: { rateLimit: PUBLIC_FORM_LIMIT } }, async (req, reply) => {
      const v = formBody(req);
      if (crossSite(req)) return askForm(req, reply, v, { form_token: '请求来源不可信，请在本站页面提交' }, null, 403);
      if (v.action === 'similar') {
        const q = (v.question ?? '').trim();
        if (q.length < 2) return askForm(req, reply, v, { question: '请先填写咨询内容，再查找相似问题' }, null, 400);
        return askForm(req, reply, v, {}, await similarQuestions(ctx.db, q, 5));
      }
      const parsed = QuestionInput.safeParse({
        topic: v.topic ?? '', policyTitle: v.policyTitle ?? '', question: v.question ?? '', name: v.name ?? '', phone: v.phone ?? '', email: v.email ?? '',
        consentPublish: v.consentPublish === '1', unitId: v.unitId ? Number(v.unitId) : null, idempotencyKey: v.form_token,
      });
      if (!parsed.success) return askForm(req, reply, v, issuesToErrors(parsed.error.issues, { idempotencyKey: 'form_token' }), null, 400);
      let created;
      try {
        created = await createQuestion(ctx.db, null, parsed.data);
      } catch (err) {
        if (err instanceof AppError && err.status < 500) return askForm(req, reply, v, { [CODE_FIELD[err.code] ?? 'form_token']: err.message }, null, err.status);
        throw err;
      }
      return page(req, reply, '咨询已提交', (
        <>
          <h1>咨询已提交</h1>
          <div class="receipt" role="status">
            {created.replayed ? <p>此咨询此前已经提交成功（重复提交不会生成新的咨询）。</p> : ''}
            <p>咨询编号：<code id="consult-number" safe>{created.number}</code></p>
            <p>查询码：<code id="tracking-code" safe>{created.trackingCode}</code></p>
            <p>请妥善保存咨询编号和查询码。查询码只在此显示一次，凭二者可查看答复并评价。</p>
          </div>
          <p><a href="/interact/consult/track">查看答复与评价</a></p>
        </>
      ) as string, created.replayed ? 200 : 201);
    });

    const trackForm = (number = '', error = '') => (
      <>
        {error ? <div class="error-summary" role="alert" safe>{error}</div> : ''}
        <form class="gk-form" method="post" action="/interact/consult/track">
          <div class="field">
            <label class="block" for="f-number">咨询编号</label>
            <input type="text" id="f-number" name="number" value={number} required autocomplete="off" maxlength="40" />
          </div>
          <div class="field">
            <label class="block" for="f-code">查询码</label>
            <input type="text" id="f-code" name="code" value="" required autocomplete="off" maxlength="40" />
          </div>
          <p><button type="submit">查询</button></p>
        </form>
      </>
    );
    app.get('/interact/consult/track', async (req, reply) => page(req, reply, '查看答复', (<><h1>查看答复与评价</h1>{trackForm()}</>) as string));

    const trackLimit = { rateLimit: { max: 30, timeWindow: '10 minutes' } };
    const showTracking = (req: FastifyRequest, reply: FastifyReply, view: TrackingView, number: string, code: string, v: FormValues = {}, errors: FieldErrors = {}, status = 200) =>
      page(req, reply, '查看答复', (
        <>
          <h1>咨询办理情况</h1>
          <ErrorSummary errors={errors} labels={LABELS} />
          <TrackingTable view={view} />
          {view.canRate ? <RateForm number={number} code={code} v={v} errors={errors} second={view.secondRound} /> : ''}
        </>
      ) as string, status);

    app.post('/interact/consult/track', { config: trackLimit }, async (req, reply) => {
      const b = formBody(req);
      const number = (b.number ?? '').slice(0, 40);
      const code = (b.code ?? '').slice(0, 40);
      const t = number && code ? await trackQuestion(ctx.db, number, code) : null;
      if (!t) return page(req, reply, '查看答复', (<><h1>查看答复与评价</h1>{trackForm(number, number && code ? '咨询编号或查询码不正确，请核对后重试。' : '请填写咨询编号和查询码。')}</>) as string, number && code ? 404 : 400);
      return showTracking(req, reply, t.view, number, code);
    });

    app.post('/interact/consult/rate', { config: trackLimit }, async (req, reply) => {
      const b = formBody(req);
      const number = (b.number ?? '').slice(0, 40);
      const code = (b.code ?? '').slice(0, 40);
      const t = number && code ? await trackQuestion(ctx.db, number, code) : null;
      if (!t) return page(req, reply, '查看答复', (<><h1>查看答复与评价</h1>{trackForm(number, '咨询编号或查询码不正确，请核对后重试。')}</>) as string, 404);
      if (crossSite(req)) return showTracking(req, reply, t.view, number, code, b, { form_token: '请求来源不可信，请在本站页面提交' }, 403);
      if (!(b.rating && b.rating in RATINGS)) return showTracking(req, reply, t.view, number, code, b, { rating: '请选择评价结果' }, 400);
      try {
        const view = await rate(ctx.db, number, code, { rating: b.rating as Rating, comment: b.comment ?? '' });
        return page(req, reply, '查看答复', (
          <>
            <h1>咨询办理情况</h1>
            <p role="status" class="notice">{view.status === 'reopened' ? '感谢您的评价。您的咨询已退回承办单位重新办理，答复后可再次查看。' : '感谢您的评价，本咨询已办结。'}</p>
            <TrackingTable view={view} />
          </>
        ) as string);
      } catch (err) {
        if (err instanceof AppError && err.status < 500) return showTracking(req, reply, t.view, number, code, b, { [CODE_FIELD[err.code] ?? 'rating']: err.message }, err.status);
        throw err;
      }
    });

    app.get('/interact/consult/kb', async (req, reply) => {
      const q = String((req.query as Record<string, string>).q ?? '').trim().slice(0, 500);
      const pageNo = Math.max(1, Math.min(10000, Number((req.query as Record<string, string>).page) || 1));
      const results = q ? await similarQuestions(ctx.db, q, 20) : null;
      const list = results ? null : await listKb(ctx.db, pageNo);
      return page(req, reply, '政策问答库', (
        <>
          <h1>政策问答库</h1>
          <form class="gk-form search-form" method="get" action="/interact/consult/kb" role="search">
            <label class="block" for="f-kbq">查找问答</label>
            <input type="text" id="f-kbq" name="q" value={q} maxlength="500" />
            <button type="submit">查找</button>
          </form>
          {results ? (
            <Suggestions items={results} heading={`与「${q}」相似的问答`} />
          ) : (
            <>
              <p class="muted" safe>{`共 ${list!.total} 条问答`}</p>
              <ul>
                {list!.items.map((r) => (
                  <li><a href={`/interact/consult/kb/${r.id}`} safe>{r.subject}</a> <span class="muted" safe>{r.answered_on}</span></li>
                ))}
              </ul>
              <nav aria-label="分页">
                {pageNo > 1 ? <a href={`/interact/consult/kb?page=${pageNo - 1}`}>上一页</a> : ''}{' '}
                {pageNo * 20 < list!.total ? <a href={`/interact/consult/kb?page=${pageNo + 1}`}>下一页</a> : ''}
              </nav>
            </>
          )}
        </>
      ) as string);
    });

    app.get('/interact/consult/kb/:id', async (req, reply) => {
      const id = Number((req.params as { id: string }).id);
      const r = Number.isInteger(id) && id > 0 ? await getKbEntry(ctx.db, id) : undefined;
      if (!r) return page(req, reply, '问答不存在', (<><h1>问答不存在</h1><p>该问答不存在或已撤回。</p></>) as string, 404);
      return sendPage(ctx, req, reply, r.subject, [CONSULT, { href: '/interact/consult/kb', label: '政策问答库' }, { label: r.subject }], (
        <>
          <h1 safe>{r.subject}</h1>
          <h2>问</h2>
          <p class="qa-answer" safe>{r.question}</p>
          <p class="muted" safe>{`提问日期：${r.asked_on}`}</p>
          <h2>答</h2>
          <p class="qa-answer" safe>{r.answer}</p>
          <p class="muted" safe>{`答复日期：${r.answered_on}`}</p>
        </>
      ) as string, 200, true);
    });

    // The publishing pipeline's URL for a published Q&A item.
    app.get('/interact/consult/qa/:itemId', async (req, reply) => {
      const itemId = Number((req.params as { itemId: string }).itemId);
      const r = Number.isInteger(itemId) && itemId > 0 ? await cdb(ctx.db).selectFrom('consult_kb').select('id').where('item_id', '=', itemId).where('status', '=', 'published').executeTakeFirst() : undefined;
      if (!r) return page(req, reply, '问答不存在', (<><h1>问答不存在</h1><p>该问答不存在或已撤回。</p></>) as string, 404);
      return reply.redirect(`/interact/consult/kb/${r.id}`, 301);
    });

    await app.register(statsPortal(ctx));
  };

function TrackingTable({ view }: { view: TrackingView }) {
  const rows: Array<[string, string | null]> = [['咨询编号', view.number], ['办理状态', view.statusLabel], ['承办单位', view.unitName ?? '待分办'], ['咨询主题', view.topic], ['收到日期', view.receivedOn], ['答复期限', view.dueOn], ['评价', view.rating]];
  return (
    <>
      <table>
        <caption class="muted">办理情况</caption>
        <tbody>
          {rows.filter(([, v]) => v).map(([k, v]) => (
            <tr><th scope="row" safe>{k}</th><td safe>{v}</td></tr>
          ))}
        </tbody>
      </table>
      <h2>咨询内容</h2>
      <p class="qa-answer" safe>{view.question}</p>
      {view.replies.map((r) => (
        <section aria-label={r.round === 1 ? '答复' : '重新答复'}>
          <h2 safe>{r.round === 1 ? `答复（${r.releasedOn}）` : `重新答复（${r.releasedOn}）`}</h2>
          <p class="qa-answer reply-text" safe>{r.text}</p>
        </section>
      ))}
    </>
  );
}

function RateForm({ number, code, v, errors, second }: { number: string; code: string; v: FormValues; errors: FieldErrors; second: boolean }) {
  return (
    <form class="gk-form" method="post" action="/interact/consult/rate" novalidate>
      <h2>评价答复</h2>
      <input type="hidden" name="number" value={number} />
      <input type="hidden" name="code" value={code} />
      <Radios id="rating" legend="您对答复是否满意" options={RATINGS} v={v} errors={errors} />
      <Field id="comment" label="评价说明" v={v} errors={errors} rows={3} maxlength={1000} hint={second ? '这是重新办理后的答复，本次评价后咨询办结。' : '选择「不满意」时请说明原因，承办单位将重新办理一次。'} />
      <p><button type="submit">提交评价</button></p>
    </form>
  );
}
