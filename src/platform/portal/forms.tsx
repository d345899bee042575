import { randomBytes } from 'node:crypto';
import Html from '@kitajs/html';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The portal's public forms (applications, questions, comments, sign-ups): they work without
 * JavaScript, every field has a label, errors are text (a summary linking to each field, and a
 * message at the field), bodies are url-encoded or multipart, and a one-time token guards each.
 * Wrap a form in `class="gk-form"` and include `FORM_CSS` in the page.
 */
export type FormValues = Record<string, string>;
export type FieldErrors = Record<string, string>;
export const HTML = 'text/html; charset=utf-8';
export const newFormToken = () => randomBytes(18).toString('base64url');

export const FORM_CSS = `
.gk-form fieldset { border: 1px solid var(--line); margin: 0 0 1rem; padding: .8rem 1rem; }
.gk-form legend { font-weight: bold; padding: 0 .3rem; }
.gk-form .field { margin: .7rem 0; }
.gk-form label.block { display: block; font-weight: bold; }
.gk-form input[type=text], .gk-form input[type=email], .gk-form input[type=tel], .gk-form input[type=date], .gk-form input[type=number], .gk-form select, .gk-form textarea { width: 100%; max-width: 42rem; font: inherit; padding: .35rem; border: 1px solid var(--muted); background: var(--bg); color: var(--fg); }
.gk-form .hint { color: var(--muted); font-size: .9em; margin: .1rem 0; }
.field-error { color: #a8071a; font-weight: bold; margin: .2rem 0; }
body.high-contrast .field-error, body.high-contrast .error-summary { color: #ffff00; }
.error-summary { border: 3px solid #a8071a; padding: .8rem 1rem; margin-bottom: 1rem; color: #a8071a; }
.gk-form button, .gk-inline button { font: inherit; padding: .45rem 1.4rem; background: var(--link); color: var(--bg); border: 0; cursor: pointer; margin-right: .6rem; }
.gk-form button.secondary { background: var(--bg); color: var(--link); border: 2px solid var(--link); }
.gk-inline { display: inline; }
.receipt { border: 2px solid var(--link); padding: 1rem; }
.receipt code { font-size: 1.3em; font-weight: bold; }
`;

/** The portal's forms post url-encoded bodies; register the parser in the module's scope. */
export function acceptForms(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 40_000 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
}

/** Refuse a cross-site post when the browser says where it came from. */
export function crossSite(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

export const formBody = (req: FastifyRequest): FormValues => {
  const b = (req.body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, String(v ?? '').slice(0, 10000)]));
};

export function ErrorSummary({ errors, labels }: { errors: FieldErrors; labels: Record<string, string> }) {
  const list = Object.entries(errors);
  if (!list.length) return '';
  return (
    <div class="error-summary" role="alert" tabindex="-1" id="error-summary">
      <h2 safe>{`提交未成功，请更正以下 ${list.length} 处错误：`}</h2>
      <ul>
        {list.map(([k, m]) => (
          <li>
            <a href={`#f-${k}`} safe>
              {`${labels[k] ?? '表单'}：${m}`}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const req = <span aria-hidden="true">（必填）</span>;

export function FieldError({ id, errors }: { id: string; errors: FieldErrors }) {
  return errors[id] ? (
    <p class="field-error" id={`${id}-error`} safe>
      {`错误：${errors[id]}`}
    </p>
  ) : (
    ''
  );
}

/** aria-describedby for a field: its hint and its error, when there are any. */
export const describedBy = (id: string, errors: FieldErrors, hint?: string | boolean) => [hint ? `${id}-hint` : '', errors[id] ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** A labelled input, textarea (`rows`) or select (`options`; `placeholder` adds an empty first choice). */
export function Field(p: { id: string; label: string; v: FormValues; errors: FieldErrors; required?: boolean; type?: string; hint?: string; autocomplete?: string; maxlength?: number; rows?: number; options?: Array<[string, string]>; placeholder?: string }) {
  const common = {
    id: `f-${p.id}`, name: p.id, required: p.required, 'aria-required': p.required ? 'true' : undefined,
    'aria-invalid': p.errors[p.id] ? 'true' : undefined, 'aria-describedby': describedBy(p.id, p.errors, p.hint),
  };
  return (
    <div class="field">
      <label class="block" for={`f-${p.id}`}>
        <span safe>{p.label}</span>
        {p.required ? req : ''}
      </label>
      {p.hint ? (
        <p class="hint" id={`${p.id}-hint`} safe>
          {p.hint}
        </p>
      ) : (
        ''
      )}
      <FieldError id={p.id} errors={p.errors} />
      {p.options ? (
        <select {...common}>
          {p.placeholder !== undefined ? (
            <option value="" safe>
              {p.placeholder}
            </option>
          ) : (
            ''
          )}
          {p.options.map(([k, label]) => (
            <option value={k} selected={(p.v[p.id] ?? '') === k} safe>
              {label}
            </option>
          ))}
        </select>
      ) : p.rows ? (
        <textarea {...common} rows={String(p.rows)} maxlength={String(p.maxlength ?? 4000)} safe>
          {p.v[p.id] ?? ''}
        </textarea>
      ) : (
        <input {...common} type={p.type ?? 'text'} value={p.v[p.id] ?? ''} autocomplete={p.autocomplete} maxlength={String(p.maxlength ?? 200)} />
      )}
    </div>
  );
}

export function Checkbox(p: { id: string; label: string; v: FormValues; hint?: string }) {
  return (
    <div class="field">
      <input type="checkbox" id={`f-${p.id}`} name={p.id} value="1" checked={p.v[p.id] === '1'} aria-describedby={p.hint ? `${p.id}-hint` : undefined} />
      <label for={`f-${p.id}`} safe>
        {p.label}
      </label>
      {p.hint ? (
        <p class="hint" id={`${p.id}-hint`} safe>
          {p.hint}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

export function Radios(p: { id: string; legend: string; options: Record<string, string>; v: FormValues; errors: FieldErrors }) {
  return (
    <fieldset aria-describedby={p.errors[p.id] ? `${p.id}-error` : undefined}>
      <legend>
        <span safe>{p.legend}</span>
        {req}
      </legend>
      <FieldError id={p.id} errors={p.errors} />
      {Object.entries(p.options).map(([k, label], i) => (
        <div>
          <input type="radio" id={i === 0 ? `f-${p.id}` : `f-${p.id}-${k}`} name={p.id} value={k} checked={p.v[p.id] === k} required />
          <label for={i === 0 ? `f-${p.id}` : `f-${p.id}-${k}`} safe>
            {label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** Zod issues → field errors (first per field). */
export function issuesToErrors(issues: Array<{ path: PropertyKey[]; message: string }>, rename: Record<string, string> = {}): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const k0 = String(i.path[0] ?? 'form_token');
    const k = rename[k0] ?? k0;
    out[k] ??= i.message;
  }
  return out;
}
