import { OUTCOMES, OUTCOME_ARTICLE, type Outcome } from './outcomes.js';

/**
 * 答复书 templates, one per outcome, citing the article of 《中华人民共和国政府信息公开条例》
 * the outcome rests on. Placeholders: {applicant} {receivedOn} {description} {unit} {note} {referTo}.
 */
const BODY: Record<Outcome, string> = {
  granted: '经审查，您申请获取的政府信息属于公开范围，现予以公开，相关信息见附件（或：该信息已主动公开，可通过{note}获取）。',
  partial: '经审查，您申请获取的政府信息中部分内容属于不予公开的范围，本机关已作区分处理，现提供可以公开的部分。不予公开的部分及理由：{note}。',
  withheld_state_secret: '经审查，您申请获取的政府信息属于国家秘密，依法不予公开。{note}',
  withheld_law: '经审查，您申请获取的政府信息属于法律、行政法规禁止公开的信息，依法不予公开。{note}',
  withheld_security: '经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，依法不予公开。{note}',
  withheld_third_party: '经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，经征求第三方意见，不予公开。{note}',
  withheld_internal: '经审查，您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等内部事务信息，不予公开。{note}',
  withheld_process: '经审查，您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的过程性信息，不予公开。{note}',
  withheld_enforcement: '经审查，您申请获取的政府信息属于行政执法案卷信息，不予公开。{note}',
  withheld_inquiry: '经审查，您申请获取的信息属于有关法律、行政法规对信息获取有特别规定的行政查询事项，请依照有关规定办理。{note}',
  unable_not_held: '经检索，本机关不掌握您申请获取的政府信息。{referTo}{note}',
  unable_need_create: '经检索，本机关没有您申请获取的现成信息，需要另行制作或对现有信息进行加工、分析，本机关不予提供。{note}',
  unable_unclear: '本机关已向您发出补正告知，经补正后您的申请内容仍不明确，本机关无法提供。{note}',
  not_processed_petition: '您的申请属于以政府信息公开申请形式进行信访、投诉、举报等活动，请通过相应渠道提出，本机关不作为政府信息公开申请处理。{note}',
  not_processed_repeat: '本机关已就您申请的相同内容作出答复，您重复申请，本机关不予重复处理。{note}',
  not_processed_publication: '您申请获取的信息属于政府公报、报刊、书籍等公开出版物，可通过{note}获取。',
  not_processed_mass: '您申请公开政府信息的数量、频次明显超过合理范围，且未能说明理由，本机关不予处理。{note}',
  not_processed_confirm: '您的申请系要求本机关确认或重新出具您已获取的信息，不属于政府信息公开申请的处理范围，本机关不予处理。{note}',
  other_no_supplement: '本机关已于补正告知中要求您在期限内补正申请，您无正当理由逾期未补正，视为放弃申请，本机关不再处理。{note}',
  other_unpaid: '本机关已向您发出收费通知，您逾期未按要求缴纳信息处理费，视为放弃申请，本机关不再处理该政府信息公开申请。{note}',
  other: '{note}',
};

export interface TemplateFields {
  applicant: string;
  receivedOn: string;
  description: string;
  unit: string;
  note?: string | null;
  referTo?: string | null;
}

export function replyTemplate(outcome: Outcome, f: TemplateFields): string {
  const body = BODY[outcome]
    .replace('{note}', f.note?.trim() ?? '')
    .replace('{referTo}', f.referTo?.trim() ? `该信息的负责公开机关为：${f.referTo.trim()}，请向其申请。` : '');
  return [
    `${f.applicant}：`,
    `本机关于 ${f.receivedOn} 收到您提出的政府信息公开申请，申请获取「${f.description.slice(0, 200)}」。`,
    body,
    `依据《中华人民共和国政府信息公开条例》${OUTCOME_ARTICLE[outcome]}的规定，特此告知。`,
    '如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议，或者自收到本答复之日起六个月内依法提起行政诉讼。',
    f.unit,
  ].join('\n\n');
}

export const TEMPLATE_OUTCOMES = OUTCOMES;
