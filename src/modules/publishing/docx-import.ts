import mammoth from 'mammoth';
import { AppError, badRequest } from '../../platform/errors.js';
import { detectFileType } from '../privacy/extract.js';
import { htmlToText, sanitizeRichText } from './html.js';

/**
 * A Word document becomes a draft's body: mammoth turns it into HTML, which is sanitised like
 * anything typed in the editor. The first heading (or first paragraph) is offered as the title.
 */
export async function importDocx(buf: Buffer): Promise<{ title: string; bodyHtml: string; messages: string[] }> {
  if (detectFileType(buf) !== 'docx') throw new AppError(415, 'unsupported_file', '请上传 Word 文档（.docx）；旧版 .doc 请先另存为 .docx');
  let result: { value: string; messages: Array<{ message: string }> };
  try {
    result = await mammoth.convertToHtml({ buffer: buf });
  } catch {
    throw badRequest('unreadable_file', 'Word 文档已损坏或无法读取');
  }
  const bodyHtml = sanitizeRichText(result.value);
  const first = /<(h1|h2|p)[^>]*>(.*?)<\/\1>/s.exec(result.value);
  const title = first ? htmlToText(first[2]!).slice(0, 200) : '';
  return { title, bodyHtml, messages: result.messages.map((m) => m.message) };
}
