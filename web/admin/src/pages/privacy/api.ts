// Typed client for the privacy tools (src/modules/privacy).
import { call, send } from '../workplan/http';

export interface ScanFinding {
  kind: 'resident_id' | 'resident_id_masked' | 'mobile' | 'bank_card';
  where: string;
  offset: number;
  preview: string;
}

export const privacyApi = {
  scan: (file: File) => {
    const form = new FormData();
    form.set('file', file);
    return call<{ type: string; findings: ScanFinding[] }>('POST', '/privacy/scan', { body: form });
  },
  /** The masked copy as a Blob, with the number of masked cells. */
  mask: async (file: File, columns: string): Promise<{ blob: Blob; maskedCells: number }> => {
    const form = new FormData();
    form.set('columns', columns);
    form.set('file', file);
    const res = await send('POST', '/privacy/mask', { body: form });
    return { blob: await res.blob(), maskedCells: Number(res.headers.get('x-masked-cells') ?? 0) };
  },
};

export const KIND_LABELS: Record<ScanFinding['kind'], string> = { resident_id: '身份证号', resident_id_masked: '脱敏身份证号', mobile: '手机号', bank_card: '银行卡号' };
