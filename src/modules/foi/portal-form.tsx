import Html from '@kitajs/html';
import { ErrorSummary, Field, FieldError, Radios, describedBy, type FieldErrors, type FormValues } from '../../platform/portal/forms.js';
import type { Unit } from '../../platform/units/units.js';
import { DELIVERIES, FORMS, ID_TYPES, LEGAL_SUBTYPES } from './model.js';
import { ALLOWED_EXTENSIONS, MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES } from './attachments.js';

/** The public application form (申请表), built from the portal's form kit (no JavaScript, labels, errors in text). */
export type { FieldErrors, FormValues };

const LABELS: Record<string, string> = {
  unitId: '受理单位', applicantKind: '申请人类型', legalSubtype: '法人或其他组织类型', name: '姓名或名称', idType: '证件类型', idNumber: '证件号码',
  phone: '联系电话', email: '电子邮箱', address: '通信地址', description: '所需政府信息的内容描述', purpose: '用途说明', form: '获取信息的载体形式',
  delivery: '获取信息的方式', needsHelp: '需要的帮助', attachments: '附件', form_token: '表单',
};

export function ApplicationForm(p: { units: Unit[]; v: FormValues; errors: FieldErrors; token: string }) {
  const { v, errors } = p;
  return (
    <>
      <ErrorSummary errors={errors} labels={LABELS} />
      <form class="gk-form" method="post" action="/xxgk/apply" enctype="multipart/form-data" novalidate>
        <input type="hidden" name="form_token" value={p.token} />
        <fieldset>
          <legend>受理机关</legend>
          <Field id="unitId" label="向哪个单位申请" required placeholder="请选择" options={p.units.map((u) => [String(u.id), u.name])} v={v} errors={errors} hint="请选择制作或保存所需信息的单位。" />
        </fieldset>
        <fieldset>
          <legend>申请人信息</legend>
          <Radios id="applicantKind" legend="申请人类型" options={{ natural: '自然人', legal: '法人或其他组织' }} v={v} errors={errors} />
          <Field id="legalSubtype" label="法人或其他组织类型" placeholder="请选择" options={Object.entries(LEGAL_SUBTYPES)} v={v} errors={errors} hint="申请人为法人或其他组织时必选。" />
          <Field id="name" label="姓名或名称" required v={v} errors={errors} autocomplete="name" maxlength={100} />
          <Field id="idType" label="证件类型" required placeholder="请选择" options={Object.entries(ID_TYPES)} v={v} errors={errors} hint="自然人填写身份证件；法人或其他组织填写统一社会信用代码。" />
          <Field id="idNumber" label="证件号码" required v={v} errors={errors} maxlength={40} />
          <Field id="phone" label="联系电话" required type="tel" v={v} errors={errors} autocomplete="tel" maxlength={30} />
          <Field id="email" label="电子邮箱" type="email" v={v} errors={errors} autocomplete="email" />
          <Field id="address" label="通信地址" v={v} errors={errors} hint="选择邮寄时必须填写。" autocomplete="street-address" />
        </fieldset>
        <fieldset>
          <legend>所需信息</legend>
          <Field id="description" label="所需政府信息的内容描述" required rows={6} maxlength={4000} v={v} errors={errors} hint="请写明文件名称、文号或其他便于查找的特征。" />
          <Field id="purpose" label="用途说明" v={v} errors={errors} maxlength={500} />
          <Radios id="form" legend="获取信息的载体形式" options={FORMS} v={v} errors={errors} />
          <Radios id="delivery" legend="获取信息的方式" options={DELIVERIES} v={v} errors={errors} />
          <Field id="needsHelp" label="需要的帮助（阅读、视听障碍等，条例第四十三条）" v={v} errors={errors} />
          <div class="field">
            <label class="block" for="f-attachments">
              附件（可选）
            </label>
            <p class="hint" id="attachments-hint" safe>
              {`最多 ${MAX_ATTACHMENTS} 个，每个不超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB，类型：${ALLOWED_EXTENSIONS.join('、')}。`}
            </p>
            <FieldError id="attachments" errors={errors} />
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
