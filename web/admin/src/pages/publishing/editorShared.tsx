// Pieces the draft editors share: server errors onto fields, Word import, columns, dates, editable units.
import { useState } from 'react';
import { App, Button, Upload, type FormInstance } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, errorMessage, type Me, type Unit } from '../../api';
import { pubApi, type Column } from './api';
import { unitsWithRole } from './labels';

/** Which form field a server error code belongs to (the rest are shown above the form). */
const CODE_FIELDS: Record<string, string | ((message: string) => string)> = {
  invalid_doc_number: 'docNumber',
  doc_number_required: 'docNumber',
  invalid_unit: 'issuerUnitIds',
  invalid_column: 'columnIds',
  invalid_dates: (m) => (m.includes('征求意见') ? 'commentEnd' : 'validUntil'),
  normative_unregistered: 'registrationNo',
  confidentiality_required: 'title',
};

/**
 * Puts the server's Chinese message on the field it is about and returns null; returns the
 * message when no field of this form matches.
 */
export function applyServerError(form: FormInstance, err: unknown, fields: string[]): string | null {
  const msg = errorMessage(err);
  if (!(err instanceof ApiError)) return msg;
  const issues = (err.details as { issues?: Array<{ field: string; message: string }> } | undefined)?.issues;
  if (err.code === 'invalid_input' && issues?.length) {
    const known = issues.filter((i) => fields.includes(i.field.split('.')[0] ?? ''));
    form.setFields(known.map((i) => ({ name: i.field.split('.')[0]!, errors: [i.message] })));
    if (known.length) {
      scrollToError(form, known[0]!.field.split('.')[0]!);
      return known.length === issues.length ? null : msg;
    }
    return msg;
  }
  const target = CODE_FIELDS[err.code];
  const field = typeof target === 'function' ? target(msg) : target;
  if (field && fields.includes(field)) {
    form.setFields([{ name: field, errors: [msg] }]);
    scrollToError(form, field);
    return null;
  }
  return msg;
}

function scrollToError(form: FormInstance, field: string) {
  form.scrollToField(field, { block: 'center', focus: true });
}

/** 'YYYY-MM-DD' or null from a DatePicker value. */
export function toDate(d: Dayjs | null | undefined): string | null {
  return d ? d.format('YYYY-MM-DD') : null;
}

export function fromDate(s: string | null | undefined): Dayjs | null {
  return s ? dayjs(s) : null;
}

/** Columns an item of this unit can go in: district-wide ones and the unit's own. */
export function columnOptions(columns: Column[], unitId: number | undefined) {
  return columns
    .filter((c) => c.active && (c.unitId === null || c.unitId === unitId))
    .map((c) => ({ value: c.id, label: c.name }));
}

/** Units the user drafts for (editor grants); all units for a district-wide editor. */
export function draftUnits(me: Me, units: Unit[]): Unit[] {
  const ids = unitsWithRole(me, ['editor']);
  return ids === null ? units : units.filter((u) => ids.has(String(u.id)));
}

/** 「导入 Word」: the server turns a .docx into sanitised HTML and a suggested title. */
export function DocxImportButton({ onImported }: { onImported: (r: { title: string; bodyHtml: string }) => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (file: File) => {
    setBusy(true);
    try {
      const r = await pubApi.importDocx(file);
      // The heading taken as the title is not repeated at the top of the body.
      const body = r.title && r.bodyHtml.startsWith(r.title) ? r.bodyHtml.slice(r.title.length) : r.bodyHtml;
      onImported({ title: r.title, bodyHtml: body });
      message.success(r.messages.length ? `已导入，另有 ${r.messages.length} 条提示：${r.messages.slice(0, 3).join('；')}` : '已从 Word 文档导入标题和正文');
    } catch (err) {
      message.error(`导入失败：${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Upload
      accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
      showUploadList={false}
      beforeUpload={(file) => {
        void run(file);
        return false;
      }}
    >
      <Button icon={<FileWordOutlined />} loading={busy}>
        导入 Word
      </Button>
    </Upload>
  );
}
