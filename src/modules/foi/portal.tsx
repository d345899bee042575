import { randomBytes } from 'node:crypto';
import Html from '@kitajs/html';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/http/context.js';
import { renderPage } from '../../platform/portal/routes.js';
import { listUnits } from '../../platform/units/units.js';
import { AppError } from '../../platform/errors.js';
import { ApplicationInput } from './model.js';
import { createApplication, type Created } from './applications.js';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from './attachments.js';
import { ApplicationForm, type FieldErrors, type FormValues } from './portal-form.js';
import { FORM_CSS } from '../../platform/portal/forms.js';
import { attachmentHeader, replyDownload, track, type TrackingView } from './tracking.js';
import { PUBLIC_FORM_LIMIT } from './routes.js';

/** Portal pages of 依申请公开: the guide and form, the receipt, tracking and reply download. */
const HTML = 'text/html; charset=utf-8';
const TRAIL = [{ href: '/xxgk/', label: '政府信息公开' }, { href: '/xxgk/apply', label: '依申请公开' }];

/** Which form field an error code belongs to. */
const CODE_FIELD: Record<string, string> = {
  invalid_resident_id: 'idNumber', invalid_credit_code: 'idNumber', invalid_id_type: 'idType', legal_subtype_required: 'legalSubtype',
  legal_subtype_not_allowed: 'legalSubtype', invalid_unit: 'unitId', attachment_type_not_allowed: 'attachments', attachment_empty: 'attachments',
  attachment_too_large: 'attachments', attachment_disguised: 'attachments', too_many_attachments: 'attachments',
};

const newToken = () => randomBytes(18).toString('base64url');

function Guide() {
  return (
    <section aria-labelledby="guide-h">
      <h2 id="guide-h">申请须知</h2>
      <ul>
        <li>公民、法人或者其他组织可以向行政机关申请获取政府信息（《中华人民共和国政府信息公开条例》第二十七条）。</li>
        <li>网上申请以受理单位在系统中确认受理之日为收到申请之日（第三十一条）。</li>
        <li>能够当场答复的当场答复；不能当场答复的，自收到申请之日起 20 个工作日内答复；需要延长的，经政府信息公开工作机构负责人同意，延长不超过 20 个工作日（第三十三条）。</li>
        <li>申请内容不明确的，受理单位将在 7 个工作日内一次性告知补正，答复期限自收到补正申请之日起计算（第三十条）。</li>
        <li>
          提交后您将获得<strong>申请编号</strong>和<strong>查询码</strong>，凭二者可<a href="/xxgk/apply/track">查询办理进度并下载答复</a>。
        </li>
      </ul>
    </section>
  );
}

export const foiPortal =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: MAX_ATTACHMENTS, fields: 40, fieldSize: 20_000, parts: 50 } });
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 20_000 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    const page = async (req: FastifyRequest, reply: FastifyReply, title: string, body: string, status = 200) =>
      reply.code(status).type(HTML).header('cache-control', 'no-store').send(
        await renderPage(ctx, req, { title, trail: title === '依申请公开' ? [TRAIL[0]!, { label: '依申请公开' }] : [...TRAIL, { label: title }], children: body }),
      );

    const formPage = async (req: FastifyRequest, reply: FastifyReply, v: FormValues, errors: FieldErrors, status = 200) => {
      const units = await listUnits(ctx.db);
      return page(req, reply, '依申请公开', (
        <>
          <style>{FORM_CSS}</style>
          <h1>政府信息公开申请</h1>
          <Guide />
          <h2>填写申请</h2>
          <ApplicationForm units={units} v={v} errors={errors} token={newToken()} />
        </>
      ) as string, status);
    };

    app.get('/xxgk/apply', async (req, reply) => formPage(req, reply, { applicantKind: 'natural', idType: 'resident_id', form: 'electronic', delivery: 'electronic' }, {}));

    app.post('/xxgk/apply', { config: { rateLimit: PUBLIC_FORM_LIMIT } }, async (req, reply) => {
      // Anonymous form: refuse cross-site posts when the browser says where it came from.
      const origin = req.headers.origin;
      if (origin && origin !== 'null' && new URL(origin).host !== req.headers.host) return formPage(req, reply, {}, { form_token: '请求来源不可信，请在本站页面提交' }, 403);
      if (!req.isMultipart()) return formPage(req, reply, {}, { form_token: '请通过申请表提交' }, 400);
      const v: FormValues = {};
      const files: Array<{ name: string; content: Buffer }> = [];
      try {
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            const content = await part.toBuffer();
            if (part.filename) files.push({ name: part.filename, content });
          } else if (typeof part.value === 'string') v[part.fieldname] = part.value;
        }
      } catch (err) {
        const code = (err as { code?: string }).code;
        const msg = code === 'FST_REQ_FILE_TOO_LARGE' ? `附件超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB` : code === 'FST_FILES_LIMIT' ? `附件最多 ${MAX_ATTACHMENTS} 个` : '提交的内容无法读取，请重试';
        return formPage(req, reply, v, { attachments: msg }, code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' ? 413 : 400);
      }
      const parsed = ApplicationInput.safeParse({
        unitId: Number(v.unitId) || 0, applicantKind: v.applicantKind, legalSubtype: v.applicantKind === 'legal' ? v.legalSubtype || null : null,
        name: v.name ?? '', idType: v.idType, idNumber: v.idNumber ?? '', phone: v.phone ?? '', email: v.email ?? '', address: v.address ?? '',
        description: v.description ?? '', purpose: v.purpose ?? '', form: v.form, delivery: v.delivery, needsHelp: v.needsHelp ?? '',
        idempotencyKey: v.form_token,
      });
      if (!parsed.success) {
        const errors: FieldErrors = {};
        for (const i of parsed.error.issues) {
          const k = String(i.path[0] ?? 'form_token');
          errors[k] ??= k === 'unitId' ? '请选择受理单位' : k === 'idempotencyKey' ? '表单已失效，请刷新页面后重新提交' : i.message;
        }
        if (errors.idempotencyKey) errors.form_token = errors.idempotencyKey;
        delete errors.idempotencyKey;
        return formPage(req, reply, v, errors, 400);
      }
      if (parsed.data.delivery === 'post' && !parsed.data.address) return formPage(req, reply, v, { address: '选择邮寄时请填写通信地址' }, 400);
      let created: Created;
      try {
        created = await createApplication(ctx.db, null, parsed.data, files);
      } catch (err) {
        if (err instanceof AppError && err.status < 500) return formPage(req, reply, v, { [CODE_FIELD[err.code] ?? 'form_token']: err.message }, err.status);
        throw err;
      }
      return page(req, reply, '申请已提交', (
        <>
          <h1>申请已提交</h1>
          <div class="receipt" role="status">
            {created.replayed ? <p>此申请此前已经提交成功（重复提交不会生成新的申请）。</p> : ''}
            <p>
              申请编号：<code id="app-number" safe>{created.number}</code>
            </p>
            <p>
              查询码：<code id="tracking-code" safe>{created.trackingCode}</code>
            </p>
            <p>请妥善保存申请编号和查询码。查询码只在此显示一次，凭二者可查询办理进度并下载答复。</p>
          </div>
          <p>受理单位确认受理之日为收到申请之日（条例第三十一条），答复期限自次日起计算。</p>
          <p>
            <a href="/xxgk/apply/track">查询办理进度</a>
          </p>
        </>
      ) as string, created.replayed ? 200 : 201);
    });

    const trackForm = (number = '', error = '') => (
      <>
        {error ? (
          <div class="error-summary" role="alert" safe>
            {error}
          </div>
        ) : (
          ''
        )}
        <form class="gk-form" method="post" action="/xxgk/apply/track">
          <div class="field">
            <label class="block" for="f-number">
              申请编号
            </label>
            <input type="text" id="f-number" name="number" value={number} required autocomplete="off" maxlength="40" />
          </div>
          <div class="field">
            <label class="block" for="f-code">
              查询码
            </label>
            <input type="text" id="f-code" name="code" value="" required autocomplete="off" maxlength="40" />
          </div>
          <p>
            <button type="submit">查询</button>
          </p>
        </form>
      </>
    );

    app.get('/xxgk/apply/track', async (req, reply) =>
      page(req, reply, '办理进度查询', (
        <>
          <style>{FORM_CSS}</style>
          <h1>申请办理进度查询</h1>
          {trackForm()}
        </>
      ) as string),
    );

    const trackLimit = { rateLimit: { max: 30, timeWindow: '10 minutes' } };
    app.post('/xxgk/apply/track', { config: trackLimit }, async (req, reply) => {
      const b = (req.body ?? {}) as Record<string, string>;
      const number = String(b.number ?? '').slice(0, 40);
      const code = String(b.code ?? '').slice(0, 40);
      const t = number && code ? await track(ctx.db, number, code) : null;
      if (!t) {
        return page(req, reply, '办理进度查询', (
          <>
            <style>{FORM_CSS}</style>
            <h1>申请办理进度查询</h1>
            {trackForm(number, number && code ? '申请编号或查询码不正确，请核对后重试。' : '请填写申请编号和查询码。')}
          </>
        ) as string, number && code ? 404 : 400);
      }
      return page(req, reply, '办理进度查询', (
        <>
          <style>{FORM_CSS}</style>
          <h1>申请办理进度</h1>
          <Status view={t.view} number={number} code={code} />
        </>
      ) as string);
    });

    app.post('/xxgk/apply/track/reply', { config: trackLimit }, async (req, reply) => {
      const b = (req.body ?? {}) as Record<string, string>;
      const t = await track(ctx.db, String(b.number ?? '').slice(0, 40), String(b.code ?? '').slice(0, 40));
      const f = t ? await replyDownload(ctx.db, t.row, b.fileId ? Number(b.fileId) : undefined) : null;
      if (!f) return page(req, reply, '办理进度查询', (<p class="error-summary" role="alert">答复尚未送达，或申请编号、查询码不正确。</p>) as string, 404);
      return reply.type(f.mime).header('content-disposition', attachmentHeader(f.name)).header('x-content-type-options', 'nosniff').header('cache-control', 'no-store').send(f.content);
    });
  };

function Status({ view, number, code }: { view: TrackingView; number: string; code: string }) {
  const rows: Array<[string, string | null]> = [
    ['申请编号', view.number], ['受理单位', view.unitName], ['办理状态', view.statusLabel], ['提交时间', view.submittedAt.slice(0, 10)],
    ['收到申请日期', view.receivedOn ?? (view.rejection ? null : '尚未受理')], ['答复期限', view.dueDate], ['办理结果', view.outcome], ['答复日期', view.repliedOn], ['送达日期', view.deliveredOn],
  ];
  const hidden = (
    <>
      <input type="hidden" name="number" value={number} />
      <input type="hidden" name="code" value={code} />
    </>
  );
  return (
    <>
      <table>
        <caption class="muted">办理情况</caption>
        <tbody>
          {rows.filter(([, v]) => v).map(([k, v]) => (
            <tr>
              <th scope="row" safe>{k}</th>
              <td safe>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {view.rejection ? (
        <div class="notice" role="status">
          <p safe>{`${view.rejection.on} 未予受理：${view.rejection.reason}`}</p>
          <p>该提交未作为政府信息公开申请受理（条例第三十一条）。如需申请政府信息公开，请重新填写申请表。</p>
        </div>
      ) : (
        ''
      )}
      {view.supplement ? (
        <div class="notice" role="status">
          <p safe>{`需要补正：${view.supplement.items}`}</p>
          <p safe>{`请于 ${view.supplement.supplyBy} 前向受理单位补正。`}</p>
        </div>
      ) : (
        ''
      )}
      {view.replyAvailable ? (
        <section aria-labelledby="dl-h">
          <h2 id="dl-h">下载答复</h2>
          <form class="gk-inline" method="post" action="/xxgk/apply/track/reply">
            {hidden}
            <button type="submit">下载答复书（Word 文档）</button>
          </form>
          {view.files.map((f) => (
            <form class="gk-inline" method="post" action="/xxgk/apply/track/reply">
              {hidden}
              <input type="hidden" name="fileId" value={String(f.id)} />
              <button type="submit" safe>{`下载附件：${f.name}`}</button>
            </form>
          ))}
        </section>
      ) : (
        ''
      )}
    </>
  );
}
