// Stacked horizontal bars in plain SVG (antd has no charts; no chart package is added).
export interface BarSegment {
  label: string;
  value: number;
  color: string;
}
export interface BarRow {
  label: string;
  segments: BarSegment[];
  /** shown after the bar, e.g. "逾期 3" */
  note?: string;
}

export default function BarChart({ rows, title }: { rows: BarRow[]; title: string }) {
  const labelW = 120;
  const barW = 420;
  const rowH = 22;
  const max = Math.max(1, ...rows.map((r) => r.segments.reduce((n, s) => n + s.value, 0)));
  const legend = rows[0]?.segments ?? [];
  const height = rows.length * rowH + 28;
  return (
    <figure style={{ margin: 0 }}>
      <svg role="img" aria-label={title} width="100%" viewBox={`0 0 ${labelW + barW + 90} ${height}`} style={{ maxWidth: 720, fontSize: 12 }}>
        <title>{title}</title>
        {legend.map((s, i) => (
          <g key={s.label} transform={`translate(${labelW + i * 90}, 4)`}>
            <rect width={12} height={12} fill={s.color} />
            <text x={16} y={11}>{s.label}</text>
          </g>
        ))}
        {rows.map((r, i) => {
          let x = labelW;
          const y = 24 + i * rowH;
          return (
            <g key={r.label}>
              <text x={labelW - 6} y={y + 13} textAnchor="end">{r.label}</text>
              {r.segments.map((s) => {
                const w = (s.value / max) * barW;
                const rect = w > 0 ? <rect key={s.label} x={x} y={y} width={w} height={rowH - 6} fill={s.color}><title>{`${r.label} ${s.label} ${s.value}`}</title></rect> : null;
                x += w;
                return rect;
              })}
              {r.note ? <text x={x + 6} y={y + 13} fill="#cf1322">{r.note}</text> : null}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
