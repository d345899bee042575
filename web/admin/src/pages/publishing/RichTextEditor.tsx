// A small accessible rich-text editor (contenteditable + document.execCommand). Its HTML goes to
// the server as is; the server sanitises it (publishing/html.ts) before storing.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Button, Form, Input, Modal, Space, theme, Tooltip } from 'antd';
import {
  BoldOutlined,
  ClearOutlined,
  ItalicOutlined,
  LinkOutlined,
  OrderedListOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';

interface Props {
  id?: string;
  value?: string;
  onChange?: (html: string) => void;
  /** Accessible name of the editing area, e.g. 「正文」. */
  label: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
}

type Block = 'p' | 'h2' | 'h3';
interface ToolState {
  block: Block | null;
  bold: boolean;
  italic: boolean;
  ol: boolean;
  ul: boolean;
}

const NONE: ToolState = { block: null, bold: false, italic: false, ol: false, ul: false };

/** Empty editors leave a stray <br> or empty paragraph behind. */
function normalise(html: string): string {
  const t = html.trim();
  return /^(<p>)?(<br\s*\/?>)?(<\/p>)?$/i.test(t) ? '' : t;
}

const BLOCKS = new Set(['P', 'H2', 'H3', 'H4', 'H5', 'UL', 'OL', 'TABLE', 'BLOCKQUOTE', 'PRE', 'HR', 'DIV']);

/** Wraps top-level runs of text and inline elements in <p>, so that lists and headings nest correctly. */
function wrapLooseInline(el: HTMLElement): void {
  let run: Node[] = [];
  const flush = (before: Node | null) => {
    if (run.some((n) => n.nodeType !== Node.TEXT_NODE || (n.textContent ?? '').trim())) {
      const p = document.createElement('p');
      run.forEach((n) => p.appendChild(n));
      el.insertBefore(p, before);
    } else run.forEach((n) => el.removeChild(n));
    run = [];
  };
  for (const node of [...el.childNodes]) {
    if (node.nodeType === Node.ELEMENT_NODE && BLOCKS.has((node as Element).tagName)) flush(node);
    else run.push(node);
  }
  flush(null);
}

/** execCommand may leave a list or heading inside a <p>: lift such blocks out of the paragraph. */
function unnestBlocks(el: HTMLElement): void {
  for (const p of [...el.querySelectorAll('p')]) {
    if (![...p.children].some((c) => BLOCKS.has(c.tagName))) continue;
    while (p.firstChild) p.parentNode!.insertBefore(p.firstChild, p);
    p.remove();
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

interface LinkValues {
  url: string;
  text?: string;
}

/** 插入链接: the address, and the text when nothing is selected; mounted afresh for each opening. */
function LinkDialog({ withText, onInsert, onCancel }: { withText: boolean; onInsert: (v: LinkValues) => void; onCancel: () => void }) {
  const [form] = Form.useForm<LinkValues>();
  const ok = async () => {
    const v = await form.validateFields().catch(() => null);
    if (v) onInsert(v);
  };
  return (
    <Modal title="插入链接" open okText="插入" cancelText="取消" onOk={() => void ok()} onCancel={onCancel}>
      <Form form={form} layout="vertical" name="rteLink" initialValues={{ url: 'https://', text: '' }}>
        <Form.Item
          name="url"
          label="链接地址"
          rules={[
            { required: true, message: '请填写链接地址' },
            { pattern: /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/, message: '链接须以 http://、https:// 或 mailto: 开头' },
          ]}
        >
          <Input autoFocus />
        </Form.Item>
        {withText && (
          <Form.Item name="text" label="链接文字">
            <Input />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export default function RichTextEditor({ id, value, onChange, label, ...aria }: Props) {
  const { token } = theme.useToken();
  const area = useRef<HTMLDivElement>(null);
  const toolbar = useRef<HTMLDivElement>(null);
  const saved = useRef<Range | null>(null);
  const [state, setState] = useState<ToolState>(NONE);
  const [focusIndex, setFocusIndex] = useState(0);
  const [linkOpen, setLinkOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(true);

  // Outside changes (loading a draft, importing Word) replace the content; typing does not.
  useLayoutEffect(() => {
    const el = area.current;
    if (el && normalise(el.innerHTML) !== normalise(value ?? '')) {
      el.innerHTML = value ?? '';
      wrapLooseInline(el);
    }
  }, [value]);

  const inside = useCallback((node: Node | null) => !!node && !!area.current && area.current.contains(node), []);

  // Remember the selection inside the editor and reflect the formatting at the caret.
  useEffect(() => {
    const onSelection = () => {
      const sel = document.getSelection();
      if (!sel || sel.rangeCount === 0 || !inside(sel.anchorNode)) return;
      saved.current = sel.getRangeAt(0).cloneRange();
      const block = String(document.queryCommandValue('formatBlock') || '').toLowerCase();
      setState({
        block: block === 'h2' || block === 'h3' || block === 'p' ? block : null,
        bold: document.queryCommandState('bold'),
        italic: document.queryCommandState('italic'),
        ol: document.queryCommandState('insertOrderedList'),
        ul: document.queryCommandState('insertUnorderedList'),
      });
    };
    document.addEventListener('selectionchange', onSelection);
    return () => document.removeEventListener('selectionchange', onSelection);
  }, [inside]);

  // New paragraphs are <p>, not <div> (a document-wide setting of the editing commands).
  useEffect(() => {
    document.execCommand('defaultParagraphSeparator', false, 'p');
  }, []);

  const emit = () => {
    if (area.current) onChange?.(normalise(area.current.innerHTML));
  };

  const emitTidy = () => {
    if (area.current) unnestBlocks(area.current);
    emit();
  };

  const restore = () => {
    const el = area.current;
    if (!el) return;
    el.focus();
    const sel = document.getSelection();
    if (sel && saved.current && inside(saved.current.startContainer)) {
      sel.removeAllRanges();
      sel.addRange(saved.current);
    }
  };

  const exec = (command: string, arg?: string) => {
    restore();
    document.execCommand('styleWithCSS', false, 'false');
    document.execCommand(command, false, arg);
    emitTidy();
  };

  const clearFormat = () => {
    restore();
    document.execCommand('removeFormat');
    document.execCommand('unlink');
    document.execCommand('formatBlock', false, 'p');
    emitTidy();
  };

  const openLink = () => {
    const r = saved.current;
    setCollapsed(!r || r.collapsed);
    setLinkOpen(true);
  };

  const insertLink = ({ url, text }: LinkValues) => {
    setLinkOpen(false);
    restore();
    if (collapsed) document.execCommand('insertHTML', false, `<a href="${escapeHtml(url)}">${escapeHtml(text || url)}</a>`);
    else document.execCommand('createLink', false, url);
    emit();
  };

  const tools: Array<{ key: string; label: string; icon?: ReactNode; text?: string; pressed?: boolean; run: () => void }> = [
    { key: 'p', label: '段落', text: '段落', pressed: state.block === 'p', run: () => exec('formatBlock', 'p') },
    { key: 'h2', label: '标题二', text: '标题二', pressed: state.block === 'h2', run: () => exec('formatBlock', 'h2') },
    { key: 'h3', label: '标题三', text: '标题三', pressed: state.block === 'h3', run: () => exec('formatBlock', 'h3') },
    { key: 'bold', label: '加粗', icon: <BoldOutlined />, pressed: state.bold, run: () => exec('bold') },
    { key: 'italic', label: '斜体', icon: <ItalicOutlined />, pressed: state.italic, run: () => exec('italic') },
    { key: 'ol', label: '有序列表', icon: <OrderedListOutlined />, pressed: state.ol, run: () => exec('insertOrderedList') },
    { key: 'ul', label: '无序列表', icon: <UnorderedListOutlined />, pressed: state.ul, run: () => exec('insertUnorderedList') },
    { key: 'link', label: '链接', icon: <LinkOutlined />, run: openLink },
    { key: 'clear', label: '清除格式', icon: <ClearOutlined />, run: clearFormat },
  ];

  // Toolbar pattern (WAI-ARIA APG): one tab stop, arrow keys move between buttons.
  const onToolbarKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const last = tools.length - 1;
    let next = focusIndex;
    if (e.key === 'ArrowRight') next = focusIndex === last ? 0 : focusIndex + 1;
    else if (e.key === 'ArrowLeft') next = focusIndex === 0 ? last : focusIndex - 1;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = last;
    else return;
    e.preventDefault();
    setFocusIndex(next);
    toolbar.current?.querySelectorAll<HTMLButtonElement>('button')[next]?.focus();
  };

  return (
    <div
      style={{
        border: `1px solid ${aria['aria-invalid'] === true || aria['aria-invalid'] === 'true' ? token.colorError : token.colorBorder}`,
        borderRadius: token.borderRadius,
        background: token.colorBgContainer,
      }}
    >
      <div
        ref={toolbar}
        role="toolbar"
        aria-label={`${label}格式`}
        aria-controls={id}
        onKeyDown={onToolbarKey}
        style={{ padding: 4, borderBottom: `1px solid ${token.colorBorderSecondary}` }}
      >
        <Space size={2} wrap>
          {tools.map((t, i) => (
            <Tooltip key={t.key} title={t.text ? undefined : t.label}>
              <Button
                type={t.pressed ? 'primary' : 'text'}
                size="small"
                icon={t.icon}
                aria-label={t.label}
                aria-pressed={t.pressed === undefined ? undefined : t.pressed}
                tabIndex={i === focusIndex ? 0 : -1}
                // Keep the editor's selection: act on mouse down without taking focus.
                onMouseDown={(e) => e.preventDefault()}
                onFocus={() => setFocusIndex(i)}
                onClick={t.run}
              >
                {t.text}
              </Button>
            </Tooltip>
          ))}
        </Space>
      </div>
      <div
        id={id}
        ref={area}
        className="gk-rte"
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        aria-describedby={aria['aria-describedby']}
        aria-invalid={aria['aria-invalid']}
        contentEditable
        suppressContentEditableWarning
        spellCheck={false}
        onInput={emit}
        onBlur={emit}
        style={{ minHeight: 240, maxHeight: 600, overflow: 'auto', padding: '8px 12px', outlineOffset: -2, lineHeight: 1.8 }}
      />
      {linkOpen && <LinkDialog withText={collapsed} onInsert={insertLink} onCancel={() => setLinkOpen(false)} />}
    </div>
  );
}
