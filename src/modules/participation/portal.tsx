import Html from '@kitajs/html';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/errors.js';
import { chinaToday } from '../../platform/calendar/working-days.js';
import { getUnit, listUnits } from '../../platform/units/units.js';
import { loadItemRow, pub } from '../publishing/items.js';
import { PUBLIC_FORM_LIMIT } from '../consult/routes.js';
import { ErrorSummary, Field, acceptForms, crossSite, formBody, newFormToken, type FieldErrors, type FormValues } from '../../platform/portal/forms.js';
import { sendPage } from '../consult/portal-ui.js';
import { COMMENT_SOURCES, paragraphsOf, phaseOf, publicName, type CommentSource } from './rules.js';
import { addComment, commentsOf, listDrafts, publicLinks, type DraftRow } from './drafts.js';
import { pdb } from './tables.js';
import { eventsPortal } from './portal-events.js';

/** Portal pages: 意见征集 (drafts, comment form, feedback reports) and 决策事项目录. */
const DRAFTS = { href: '/interact/drafts', label: '意见征集' };
const PHASE_LABEL = { unpublished: '未发布', upcoming: '即将开始', open: '征集中', ended: '已截止' } as const;
const LABELS = { text: '意见内容', paragraph: '针对段落', name: '称呼', contact: '联系方式', form_token: '表单' };

export const participationPortal =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    acceptForms(app);
    const today = () => chinaToday();

    app.get('/interact/drafts', async (req, reply) => {
      const drafts = await listDrafts(ctx.db, null);
      return sendPage(ctx, req, reply, '意见征集', [{ label: '意见征集' }], (
        <>
          <h1>意见征集</h1>
          <table>
            <caption class="muted">公开征求意见的草案</caption>
            <thead><tr><th scope="col">草案</th><th scope="col">征集期</th><th scope="col">状态</th></tr></thead>
            <tbody>
              {drafts.map((d) => (
                <tr>
                  <td><a href={`/interact/drafts/${d.id}`} safe>{d.title}</a></td>
                  <td safe>{`${d.start_on} 至 ${d.end_on}`}</td>
                  <td>{PHASE_LABEL[d.phase]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) as string, 200, true);
    });

    const draftPage = async (req: FastifyRequest, reply: FastifyReply, d: DraftRow, v: FormValues, errors: FieldErrors, status = 200, notice = '') => {
      const phase = phaseOf(d, today());
      const paras = paragraphsOf(d.body);
      const comments = await commentsOf(ctx.db, d.id, true);
      const links = await publicLinks(ctx.db, d);
      const unit = await getUnit(ctx.db, d.unit_id).catch(() => null);
      return sendPage(ctx, req, reply, d.title, [DRAFTS, { label: d.title }], (
        <>
          <h1 safe>{d.title}</h1>
          <table>
            <caption class="muted">征集信息</caption>
            <tbody>
              <tr><th scope="row">起草单位</th><td safe>{unit?.name ?? ''}</td></tr>
              <tr><th scope="row">征集期</th><td safe>{`${d.start_on} 至 ${d.end_on}（${PHASE_LABEL[phase]}）`}</td></tr>
              {d.short_reason ? <tr><th scope="row">缩短期限理由</th><td safe>{d.short_reason}</td></tr> : ''}
              <tr><th scope="row">参与方式</th><td safe>{d.how_to_comment}</td></tr>
            </tbody>
          </table>
          {links.feedback ? <p class="notice">意见采纳情况：<a href={links.feedback.url} safe>{links.feedback.title}</a></p> : ''}
          {links.policy ? <p class="notice">正式文件：<a href={links.policy.url} safe>{links.policy.title}</a></p> : ''}
          <h2>起草说明</h2>
          <p class="qa-answer" safe>{d.explanation}</p>
          <h2>草案全文</h2>
          <ol>
            {paras.map((p, i) => <li id={`p${i + 1}`} safe>{p}</li>)}
          </ol>
          {notice ? <p class="notice" role="status" safe>{notice}</p> : ''}
          {phase === 'open' ? (
            <section aria-labelledby="comment-h">
              <h2 id="comment-h">发表意见</h2>
              <ErrorSummary errors={errors} labels={LABELS} />
              <form class="gk-form" method="post" action={`/interact/drafts/${d.id}/comments`} novalidate>
                <input type="hidden" name="form_token" value={v.form_token || newFormToken()} />
                <Field id="paragraph" label="针对段落" v={v} errors={errors} options={[['', '草案全文'], ...paras.map((p, i): [string, string] => [String(i + 1), `第 ${i + 1} 段：${p.slice(0, 20)}`])]} />
                <Field id="text" label="意见内容" required v={v} errors={errors} rows={6} maxlength={5000} hint="意见经审核后公开；请勿填写身份证号、电话等个人信息。" />
                <Field id="name" label="称呼（可选，公开时只显示姓氏）" v={v} errors={errors} maxlength={50} />
                <Field id="contact" label="联系方式（可选，不公开）" v={v} errors={errors} maxlength={100} />
                <p><button type="submit">提交意见</button></p>
              </form>
            </section>
          ) : ''}
          <h2 safe>{`已公开的意见（${comments.length} 条）`}</h2>
          <ul>
            {comments.map((c) => (
              <li>
                <p class="qa-answer" safe>{c.text}</p>
                <p class="muted" safe>{`${publicName(c.author_name)} · ${c.paragraph ? `第 ${c.paragraph} 段` : '全文'} · ${COMMENT_SOURCES[c.source as CommentSource] ?? c.source} · ${c.created_at.slice(0, 10)}`}</p>
              </li>
            ))}
          </ul>
        </>
      ) as string, status);
    };

    const loadPublicDraft = async (id: number) => {
      const d = Number.isInteger(id) && id > 0 ? await pdb(ctx.db).selectFrom('comment_drafts').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
      return d && d.status !== 'draft' ? d : null;
    };
    const missing = (req: FastifyRequest, reply: FastifyReply) => sendPage(ctx, req, reply, '征集不存在', [DRAFTS, { label: '征集不存在' }], '<h1>征集不存在</h1>', 404);

    app.get('/interact/drafts/:id', async (req, reply) => {
      const d = await loadPublicDraft(Number((req.params as { id: string }).id));
      return d ? draftPage(req, reply, d, {}, {}) : missing(req, reply);
    });

    app.post('/interact/drafts/:id/comments', { config: { rateLimit: PUBLIC_FORM_LIMIT } }, async (req, reply) => {
      const d = await loadPublicDraft(Number((req.params as { id: string }).id));
      if (!d) return missing(req, reply);
      const v = formBody(req);
      if (crossSite(req)) return draftPage(req, reply, d, v, { form_token: '请求来源不可信，请在本站页面提交' }, 403);
      const text = (v.text ?? '').trim();
      if (text.length < 5) return draftPage(req, reply, d, v, { text: '意见内容至少 5 个字' }, 400);
      if (!v.form_token || v.form_token.length < 16) return draftPage(req, reply, d, v, { form_token: '表单已失效，请刷新页面后重新提交' }, 400);
      try {
        const r = await addComment(ctx.db, null, d.id, { text, paragraph: v.paragraph ? Number(v.paragraph) : null, name: v.name, contact: v.contact, idempotencyKey: v.form_token });
        return draftPage(req, reply, d, {}, {}, r.replayed ? 200 : 201, r.replayed ? '此意见此前已经提交（重复提交不会重复记录）。' : '您的意见已提交，经审核后公开。感谢参与！');
      } catch (err) {
        if (err instanceof AppError && err.status < 500) return draftPage(req, reply, d, v, { [err.code === 'invalid_paragraph' ? 'paragraph' : 'form_token']: err.message }, err.status);
        throw err;
      }
    });

    app.get('/interact/drafts/feedback/:itemId', async (req, reply) => {
      const itemId = Number((req.params as { itemId: string }).itemId);
      const item = Number.isInteger(itemId) && itemId > 0 ? await loadItemRow(pub(ctx.db), itemId).catch(() => null) : null;
      if (!item || item.kind !== 'comment_feedback' || item.status !== 'published') return sendPage(ctx, req, reply, '内容不存在', [DRAFTS, { label: '内容不存在' }], '<h1>内容不存在</h1><p>该采纳情况报告不存在或已撤回。</p>', 404);
      const d = await pdb(ctx.db).selectFrom('comment_drafts').selectAll().where('feedback_item_id', '=', itemId).executeTakeFirst();
      const links = d ? await publicLinks(ctx.db, d) : { policy: null };
      // Stored HTML was sanitised by the pipeline when the draft was saved.
      const safeBody = item.body_html;
      return sendPage(ctx, req, reply, item.title, [DRAFTS, { label: item.title }], (
        <>
          <h1 safe>{item.title}</h1>
          <p class="muted" safe>{`索引号：${item.index_no ?? ''} · 发布日期：${(item.published_at ?? '').slice(0, 10)}`}</p>
          {d ? <p>征求意见稿：<a href={`/interact/drafts/${d.id}`} safe>{d.title}</a></p> : ''}
          {links.policy ? <p>正式文件：<a href={links.policy.url} safe>{links.policy.title}</a></p> : ''}
          {safeBody}
        </>
      ) as string, 200, true);
    });

    app.get('/interact/decisions', async (req, reply) => {
      const yq = Number((req.query as Record<string, string>).year);
      const catalogs = await pdb(ctx.db).selectFrom('decision_catalogs').selectAll().where('published_at', 'is not', null).orderBy('year', 'desc').execute();
      const years = [...new Set(catalogs.map((c) => c.year))];
      const year = years.includes(yq) ? yq : years[0];
      const units = new Map((await listUnits(ctx.db, { includeInactive: true })).map((u) => [u.id, u.name]));
      const { catalogView } = await import('./catalog.js');
      const views = await Promise.all(catalogs.filter((c) => c.year === year).map((c) => catalogView(ctx.db, c.id, true)));
      return sendPage(ctx, req, reply, '重大行政决策事项目录', [{ label: '重大行政决策事项目录' }], (
        <>
          <h1>重大行政决策事项目录</h1>
          {years.length > 1 ? <nav aria-label="年度">{years.map((y) => <a href={`/interact/decisions?year=${y}`} aria-current={y === year ? 'page' : undefined} safe>{`${y} 年 `}</a>)}</nav> : ''}
          {!views.length ? <p class="notice">目录尚未公布。</p> : ''}
          {views.map((v) => v ? (
            <section>
              <h2 safe>{v.catalog.title}</h2>
              <p class="muted" safe>{`首次公布：${(v.catalog.published_at ?? '').slice(0, 10)} · 第 ${v.catalog.version} 版`}</p>
              <table>
                <caption class="muted">决策事项</caption>
                <thead><tr><th scope="col">序号</th><th scope="col">事项名称</th><th scope="col">承办单位</th><th scope="col">决策依据</th><th scope="col">计划完成时间</th><th scope="col">进展阶段</th><th scope="col">决策结果</th></tr></thead>
                <tbody>
                  {v.entries.map((e) => (
                    <tr>
                      <td safe>{String(e.seq)}</td>
                      <td>{e.draft_id ? <a href={`/interact/drafts/${e.draft_id}`} safe>{e.name}</a> : <span safe>{e.name}</span>}</td>
                      <td safe>{units.get(e.lead_unit_id) ?? ''}</td>
                      <td safe>{e.basis}</td>
                      <td safe>{e.planned_time}</td>
                      <td safe>{e.stage}</td>
                      <td safe>{e.result || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {v.changes.length ? (
                <>
                  <h3>目录调整情况</h3>
                  <ul>
                    {v.changes.map((c) => {
                      const after = JSON.parse(c.after_json) as { name?: string };
                      const before = JSON.parse(c.before_json) as { name?: string };
                      const what = c.kind === 'add' ? `增加「${after.name}」` : c.kind === 'remove' ? `移出「${before.name}」` : `调整「${after.name ?? before.name}」`;
                      return <li safe>{`${c.at.slice(0, 10)} ${what}：${c.reason}`}</li>;
                    })}
                  </ul>
                </>
              ) : ''}
            </section>
          ) : '')}
        </>
      ) as string, 200, true);
    });

    await app.register(eventsPortal(ctx));
  };
