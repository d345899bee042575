/**
 * 办理结果 (art. 36–39; 国办公开办函〔2021〕30号 report rows). Every outcome maps to exactly
 * one row of 三、本年度办理结果 in the annual report. Labels are the report's, verbatim.
 */
export const OUTCOME_GROUPS = [
  { key: 'granted', label: '（一）予以公开', rows: null },
  { key: 'partial', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', rows: null },
  {
    key: 'withheld',
    label: '（三）不予公开',
    rows: [
      ['withheld_state_secret', '1.属于国家秘密'],
      ['withheld_law', '2.其他法律行政法规禁止公开'],
      ['withheld_security', '3.危及“三安全一稳定”'],
      ['withheld_third_party', '4.保护第三方合法权益'],
      ['withheld_internal', '5.属于三类内部事务信息'],
      ['withheld_process', '6.属于四类过程性信息'],
      ['withheld_enforcement', '7.属于行政执法案卷'],
      ['withheld_inquiry', '8.属于行政查询事项'],
    ],
  },
  {
    key: 'unable',
    label: '（四）无法提供',
    rows: [
      ['unable_not_held', '1.本机关不掌握相关政府信息'],
      ['unable_need_create', '2.没有现成信息需要另行制作'],
      ['unable_unclear', '3.补正后申请内容仍不明确'],
    ],
  },
  {
    key: 'not_processed',
    label: '（五）不予处理',
    rows: [
      ['not_processed_petition', '1.信访举报投诉类申请'],
      ['not_processed_repeat', '2.重复申请'],
      ['not_processed_publication', '3.要求提供公开出版物'],
      ['not_processed_mass', '4.无正当理由大量反复申请'],
      ['not_processed_confirm', '5.要求行政机关确认或重新出具已获取信息'],
    ],
  },
  {
    // group key differs from the outcome 'other' (3.其他) so that report rows stay unique
    key: 'other_handling',
    label: '（六）其他处理',
    rows: [
      ['other_no_supplement', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
      ['other_unpaid', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
      ['other', '3.其他'],
    ],
  },
] as const;

export const OUTCOMES = [
  'granted', 'partial',
  'withheld_state_secret', 'withheld_law', 'withheld_security', 'withheld_third_party', 'withheld_internal', 'withheld_process', 'withheld_enforcement', 'withheld_inquiry',
  'unable_not_held', 'unable_need_create', 'unable_unclear',
  'not_processed_petition', 'not_processed_repeat', 'not_processed_publication', 'not_processed_mass', 'not_processed_confirm',
  'other_no_supplement', 'other_unpaid', 'other',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Short label of an outcome (the report row without its numbering), for lists and replies. */
export function outcomeLabel(o: Outcome): string {
  for (const g of OUTCOME_GROUPS) {
    if (g.key === o) return g.label.replace(/^（.）/, '').replace(/（.*$/, '');
    for (const [k, l] of g.rows ?? []) if (k === o) return `${g.label.replace(/^（.）/, '')}：${l.replace(/^\d\./, '')}`;
  }
  return o;
}

/** The article a reply with this outcome cites (条例). */
export const OUTCOME_ARTICLE: Record<Outcome, string> = {
  granted: '第三十六条第（一）项、第（二）项',
  partial: '第三十七条',
  withheld_state_secret: '第十四条、第三十六条第（三）项',
  withheld_law: '第十四条、第三十六条第（三）项',
  withheld_security: '第十四条、第三十六条第（三）项',
  withheld_third_party: '第十五条、第三十二条、第三十六条第（三）项',
  withheld_internal: '第十六条第一款、第三十六条第（三）项',
  withheld_process: '第十六条第二款、第三十六条第（三）项',
  withheld_enforcement: '第十六条第二款、第三十六条第（三）项',
  withheld_inquiry: '第三十六条第（七）项',
  unable_not_held: '第三十六条第（四）项、第（五）项',
  unable_need_create: '第三十八条',
  unable_unclear: '第三十条、第三十六条第（四）项',
  not_processed_petition: '第三十九条第一款',
  not_processed_repeat: '第三十六条第（六）项',
  not_processed_publication: '第三十九条第二款',
  not_processed_mass: '第三十五条',
  not_processed_confirm: '第三十六条、第三十八条',
  other_no_supplement: '第三十条',
  other_unpaid: '第四十二条（国办函〔2020〕109号）',
  other: '第三十六条',
};
