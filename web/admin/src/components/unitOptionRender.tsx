// Select optionRender that indents unit options by their depth in the unit tree.
import type { ReactNode } from 'react';

export function unitOptionRender(option: { data: { label?: ReactNode; depth?: number } }): ReactNode {
  return <span style={{ paddingInlineStart: (option.data.depth ?? 0) * 16 }}>{option.data.label}</span>;
}
