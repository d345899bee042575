// Hand-drawn SVG bar charts (no chart package): every bar carries its number as text.
export interface Bar {
  label: string;
  value: number;
}

const PALETTE = ['#1677ff', '#d4380d', '#389e0d', '#d48806', '#531dab', '#08979c', '#c41d7f', '#7cb305', '#0958d9', '#ad4e00', '#595959'];

/** Horizontal bars, one per row, with the value written after each bar. */
export function HBarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const labelW = 150;
  const barW = 360;
  const rowH = 24;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(1, bars.length) * rowH + 8;
  return (
    <figure style={{ margin: 0 }}>
      <svg role="img" aria-label={`${title}：${bars.map((b) => `${b.label} ${b.value}`).join('，') || '无数据'}`} width="100%" viewBox={`0 0 ${labelW + barW + 50} ${height}`} style={{ maxWidth: 640, fontSize: 12 }}>
        <title>{title}</title>
        {bars.length === 0 ? <text x={8} y={18}>无数据</text> : null}
        {bars.map((b, i) => {
          const y = 4 + i * rowH;
          const w = (b.value / max) * barW;
          return (
            <g key={b.label}>
              <text x={labelW - 6} y={y + 14} textAnchor="end" fill="#262626">{b.label.length > 11 ? `${b.label.slice(0, 10)}…` : b.label}</text>
              <rect x={labelW} y={y} width={Math.max(w, 1)} height={rowH - 8} fill={PALETTE[i % PALETTE.length]} />
              <text x={labelW + w + 6} y={y + 14} fill="#262626">{b.value}</text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** Stacked horizontal bars per unit, a segment per finding kind; legend and totals in text. */
export function StackedUnitChart({ title, rows, kinds }: { title: string; rows: Array<{ label: string; counts: Record<string, number> }>; kinds: Array<{ key: string; label: string }> }) {
  const labelW = 150;
  const barW = 360;
  const rowH = 24;
  const legendRows = Math.ceil(kinds.length / 4);
  const top = legendRows * 18 + 6;
  const totals = rows.map((r) => Object.values(r.counts).reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const height = top + Math.max(1, rows.length) * rowH + 8;
  const describe = rows.map((r, i) => `${r.label} 共 ${totals[i]}（${kinds.filter((k) => r.counts[k.key]).map((k) => `${k.label} ${r.counts[k.key]}`).join('、')}）`).join('；');
  return (
    <figure style={{ margin: 0 }}>
      <svg role="img" aria-label={`${title}：${describe || '无数据'}`} width="100%" viewBox={`0 0 ${labelW + barW + 60} ${height}`} style={{ maxWidth: 720, fontSize: 12 }}>
        <title>{title}</title>
        {kinds.map((k, i) => (
          <g key={k.key} transform={`translate(${(i % 4) * 140}, ${Math.floor(i / 4) * 18 + 2})`}>
            <rect width={12} height={12} fill={PALETTE[i % PALETTE.length]} />
            <text x={16} y={11} fill="#262626">{k.label}</text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = top + i * rowH;
          let x = labelW;
          return (
            <g key={r.label}>
              <text x={labelW - 6} y={y + 14} textAnchor="end" fill="#262626">{r.label.length > 11 ? `${r.label.slice(0, 10)}…` : r.label}</text>
              {kinds.map((k, j) => {
                const v = r.counts[k.key] ?? 0;
                const w = (v / max) * barW;
                const rect = v ? (
                  <rect key={k.key} x={x} y={y} width={w} height={rowH - 8} fill={PALETTE[j % PALETTE.length]}>
                    <title>{`${r.label} ${k.label} ${v}`}</title>
                  </rect>
                ) : null;
                x += w;
                return rect;
              })}
              <text x={x + 6} y={y + 14} fill="#262626">{totals[i]}</text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
