/** @jsxRuntime automatic @jsxImportSource react */

export interface BarItem {
  key: string;
  label: string;
  value: number;
}

const WIDTH = 600;
const LABEL = 210;
const VALUE = 60;
const ROW = 26;

function clip(text: string, max = 30): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Horizontal bars, one row per item, scaled to the largest value. An SVG with `role="img"` and
 * a label; each bar's `<title>` carries the full label and value for pointer and screen readers.
 */
export function BarChart({ id, title, items, format = String }: { id: string; title: string; items: BarItem[]; format?: (n: number) => string }) {
  const max = Math.max(1, ...items.map((i) => i.value));
  const height = items.length * ROW + 4;
  const span = WIDTH - LABEL - VALUE;
  return (
    <svg id={id} className="rs-chart" role="img" aria-label={title} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: WIDTH }}>
      {items.map((item, i) => {
        const y = i * ROW + 2;
        const w = Math.max(item.value > 0 ? 2 : 0, (item.value / max) * span);
        return (
          <g key={item.key} data-test-bar={item.key} data-label={item.label} data-value={item.value}>
            <title>{`${item.label}: ${format(item.value)}`}</title>
            <text x={LABEL - 8} y={y + ROW / 2 + 4} textAnchor="end" fontSize="13" fill="#333">{clip(item.label)}</text>
            <rect x={LABEL} y={y + 3} width={w} height={ROW - 8} rx="2" fill="#2b75bb" />
            <text x={LABEL + w + 6} y={y + ROW / 2 + 4} fontSize="13" fill="#333">{format(item.value)}</text>
          </g>
        );
      })}
    </svg>
  );
}

/**
 * Bars left and right of a centre line: positive values to the right, negative to the left,
 * for balances.
 */
export function DivergingBarChart({ id, title, items, format = String, describe }: {
  id: string;
  title: string;
  items: BarItem[];
  format?: (n: number) => string;
  describe?: (item: BarItem) => string;
}) {
  const max = Math.max(1, ...items.map((i) => Math.abs(i.value)));
  const height = items.length * ROW + 4;
  const centre = LABEL + (WIDTH - LABEL) / 2;
  const half = (WIDTH - LABEL) / 2 - VALUE / 2;
  return (
    <svg id={id} className="rs-chart" role="img" aria-label={title} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: WIDTH }}>
      <line x1={centre} x2={centre} y1={0} y2={height} stroke="#999" strokeWidth="1" />
      {items.map((item, i) => {
        const y = i * ROW + 2;
        const w = (Math.abs(item.value) / max) * half;
        const right = item.value >= 0;
        return (
          <g key={item.key} data-test-bar={item.key} data-label={item.label} data-value={item.value}>
            <title>{describe ? describe(item) : `${item.label}: ${format(item.value)}`}</title>
            <text x={LABEL - 8} y={y + ROW / 2 + 4} textAnchor="end" fontSize="13" fill="#333">{clip(item.label)}</text>
            <rect x={right ? centre : centre - w} y={y + 3} width={w} height={ROW - 8} rx="2" fill={right ? '#2b8a3e' : '#c2410c'} />
            <text x={right ? centre + w + 6 : centre - w - 6} y={y + ROW / 2 + 4} textAnchor={right ? 'start' : 'end'} fontSize="13" fill="#333">
              {format(item.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A ring filled to `ratio` (0..1) with the percentage in the middle; an empty ring and a dash without data. */
export function RatioRing({ id, title, ratio, text }: { id: string; title: string; ratio: number | null; text: string }) {
  const r = 40;
  const c = 2 * Math.PI * r;
  const filled = ratio === null ? 0 : Math.min(1, Math.max(0, ratio)) * c;
  return (
    <svg id={id} className="rs-chart" role="img" aria-label={`${title}: ${text}`} viewBox="0 0 100 100" width="120" height="120" data-value={ratio ?? ''}>
      <circle cx="50" cy="50" r={r} fill="none" stroke="#e5e5e5" strokeWidth="12" />
      <circle
        cx="50" cy="50" r={r} fill="none" stroke="#2b75bb" strokeWidth="12"
        strokeDasharray={`${filled} ${c - filled}`} transform="rotate(-90 50 50)"
      />
      <text x="50" y="55" textAnchor="middle" fontSize="18" fontWeight="bold" fill="#333">{text}</text>
    </svg>
  );
}
