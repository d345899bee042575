import Html from '@kitajs/html';
import type { Unit } from '../../platform/units/units.js';
import { DELIVERIES, FORMS, ID_TYPES, LEGAL_SUBTYPES } from './model.js';
import { ALLOWED_EXTENSIONS, MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES } from './attachments.js';

/** The public application form (申请表): no JavaScript, a label on every field, errors in text. */
export type FormValues = Record<string, string>;
export type FieldErrors = Record<string, string>;

export const FORM_CSS = `
.foi-form fieldset { border: 1px solid var(--line); margin: 0 0 1rem; padding: .8rem 1rem; }
.foi-form legend { font-weight: bold; padding: 0 .3rem; }
.foi-form .field { margin: .6rem 0; }
.foi-form label.block { display: block; font-weight: bold; }
.foi-form input[type=text], .foi-form input[type=email], .foi-form input[type=tel], .foi-form select, .foi-form textarea { width: 100%; max-width: 40rem; font: inherit; padding: .35rem; border: 1px solid var(--muted); background: var(--bg); color: var(--fg); }
.foi-form .hint { color: var(--muted); font-size: .9em; margin: .1rem 0; }
.foi-form .field-error { color: #a8071a; font-weight: bold; margin: .2rem 0; }
body.high-contrast .foi-form .field-error, body.high-contrast .error-summary { color: #ffff00; }
.error-summary { border: 3px solid #a8071a; padding: .8rem 1rem; margin-bottom: 1rem; color: #a8071a; }
.foi-form button, .foi-inline button { font: inherit; padding: .45rem 1.4rem; background: var(--link); color: var(--bg); border: 0; cursor: pointer; }
.foi-inline { display: inline; }
.receipt { border: 2px solid var(--link); padding: 1rem; }
.receipt code { font-size: 1.3em; font-weight: bold; }
`;

const req = <span aria-hidden="true">（必填）</span>;

function Err({ id, errors }: { id: string; errors: FieldErrors }) {
  const e = errors[id];
  return e ? (
    <p class="field-error" id={`${id}-error`} safe>
      {`错误：${e}`}
    </p>
  ) : (
    ''
  );
}

function describedBy(id: string, errors: FieldErrors, hint = false): string | undefined {
  const ids = [hint ? `${id}-hint` : '', errors[id] ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

function TextField(p: { id: string; label: string; v: FormValues; errors: FieldErrors; required?: boolean; type?: string; hint?: string; autocomplete?: string; maxlength?: number }) {
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
      <Err id={p.id} errors={p.errors} />
      <input
        type={p.type ?? 'text'}
        id={`f-${p.id}`}
        name={p.id}
        value={p.v[p.id] ?? ''}
        required={p.required}
        aria-required={p.required ? 'true' : undefined}
        aria-invalid={p.errors[p.id] ? 'true' : undefined}
        aria-describedby={describedBy(p.id, p.errors, !!p.hint)}
        autocomplete={p.autocomplete}
        maxlength={String(p.maxlength ?? 200)}
      />
    </div>
  );
}

function Radios(p: { id: string; legend: string; options: Record<string, string>; v: FormValues; errors: FieldErrors }) {
  return (
    <fieldset aria-describedby={p.errors[p.id] ? `${p.id}-error` : undefined}>
      <legend>
        <span safe>{p.legend}</span>
        {req}
      </legend>
      <Err id={p.id} errors={p.errors} />
      {Object.entries(p.options).map(([k, label]) => (
        <div>
          <input type="radio" id={`f-${p.id}-${k}`} name={p.id} value={k} checked={p.v[p.id] === k} required />
          <label for={`f-${p.id}-${k}`} safe>
            {label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function Select(p: { id: string; label: string; options: Array<[string, string]>; v: FormValues; errors: FieldErrors; hint?: string; required?: boolean }) {
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
      <Err id={p.id} errors={p.errors} />
      <select id={`f-${p.id}`} name={p.id} required={p.required} aria-invalid={p.errors[p.id] ? 'true' : undefined} aria-describedby={describedBy(p.id, p.errors, !!p.hint)}>
        <option value="">请选择</option>
        {p.options.map(([k, label]) => (
          <option value={k} selected={p.v[p.id] === k} safe>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

const LABELS: Record<string, string> = {
  unitId: '受理单位', applicantKind: '申请人类型', legalSubtype: '法人或其他组织类型', name: '姓名或名称', idType: '证件类型', idNumber: '证件号码',
  phone: '联系电话', email: '电子邮箱', address: '通信地址', description: '所需政府信息的内容描述', purpose: '用途说明', form: '获取信息的载体形式',
  delivery: '获取信息的方式', needsHelp: '需要的帮助', attachments: '附件', form_token: '表单',
};

/** Where an error summary entry links to: the field, or the first radio of a group. */
function anchor(k: string): string {
  const first: Record<string, string> = { applicantKind: 'natural', form: Object.keys(FORMS)[0]!, delivery: Object.keys(DELIVERIES)[0]! };
  return first[k] ? `f-${k}-${first[k]}` : `f-${k}`;
}

export function ApplicationForm(p: { units: Unit[]; v: FormValues; errors: FieldErrors; token: string }) {
  const { v, errors } = p;
  const list = Object.entries(errors);
  return (
    <>
      {list.length ? (
        <div class="error-summary" role="alert" tabindex="-1" id="error-summary">
          <h2 safe>{`提交未成功，请更正以下 ${list.length} 处错误：`}</h2>
          <ul>
            {list.map(([k, m]) => (
              <li>
                <a href={`#${anchor(k)}`} safe>
                  {`${LABELS[k] ?? k}：${m}`}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        ''
      )}
      <form class="foi-form" method="post" action="/xxgk/apply" enctype="multipart/form-data" novalidate>
        <input type="hidden" name="form_token" value={p.token} />
        <fieldset>
          <legend>受理机关</legend>
          <Select id="unitId" label="向哪个单位申请" required options={p.units.map((u) => [String(u.id), u.name])} v={v} errors={errors} hint="请选择制作或保存所需信息的单位。" />
        </fieldset>
        <fieldset>
          <legend>申请人信息</legend>
          <Radios id="applicantKind" legend="申请人类型" options={{ natural: '自然人', legal: '法人或其他组织' }} v={v} errors={errors} />
          <Select id="legalSubtype" label="法人或其他组织类型" options={Object.entries(LEGAL_SUBTYPES)} v={v} errors={errors} hint="申请人为法人或其他组织时必选。" />
          <TextField id="name" label="姓名或名称" required v={v} errors={errors} autocomplete="name" maxlength={100} />
          <Select id="idType" label="证件类型" required options={Object.entries(ID_TYPES)} v={v} errors={errors} hint="自然人填写身份证件；法人或其他组织填写统一社会信用代码。" />
          <TextField id="idNumber" label="证件号码" required v={v} errors={errors} maxlength={40} />
          <TextField id="phone" label="联系电话" required type="tel" v={v} errors={errors} autocomplete="tel" maxlength={30} />
          <TextField id="email" label="电子邮箱" type="email" v={v} errors={errors} autocomplete="email" />
          <TextField id="address" label="通信地址" v={v} errors={errors} hint="选择邮寄时必须填写。" autocomplete="street-address" />
        </fieldset>
        <fieldset>
          <legend>所需信息</legend>
          <div class="field">
            <label class="block" for="f-description">
              所需政府信息的内容描述{req}
            </label>
            <p class="hint" id="description-hint">
              请写明文件名称、文号或其他便于查找的特征。
            </p>
            <Err id="description" errors={errors} />
            <textarea id="f-description" name="description" rows="6" required aria-required="true" aria-invalid={errors.description ? 'true' : undefined} aria-describedby={describedBy('description', errors, true)} maxlength="4000" safe>
              {v.description ?? ''}
            </textarea>
          </div>
          <TextField id="purpose" label="用途说明" v={v} errors={errors} maxlength={500} />
          <Radios id="form" legend="获取信息的载体形式" options={FORMS} v={v} errors={errors} />
          <Radios id="delivery" legend="获取信息的方式" options={DELIVERIES} v={v} errors={errors} />
          <TextField id="needsHelp" label="需要的帮助（阅读、视听障碍等，条例第四十三条）" v={v} errors={errors} />
          <div class="field">
            <label class="block" for="f-attachments">
              附件（可选）
            </label>
            <p class="hint" id="attachments-hint" safe>
              {`最多 ${MAX_ATTACHMENTS} 个，每个不超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB，类型：${ALLOWED_EXTENSIONS.join('、')}。`}
            </p>
            <Err id="attachments" errors={errors} />
            <input type="file" id="f-attachments" name="attachments" multiple aria-describedby={describedBy('attachments', errors, true)} accept={ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(',')} />
          </div>
        </fieldset>
        <p>
          <button type="submit">提交申请</button>
        </p>
      </form>
    </>
  );
}
