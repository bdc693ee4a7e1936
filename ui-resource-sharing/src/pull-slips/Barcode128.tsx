/** @jsxRuntime automatic @jsxImportSource react */
import { code128Widths } from './code128';

export interface Barcode128Props {
  value: string;
  /** width of the narrowest bar in px (scanners like 2 or more on paper) */
  moduleWidth?: number;
  /** bar height in px */
  height?: number;
}

const QUIET_ZONE = 10;

/** A Code 128 barcode as SVG bars with the value written underneath; plain text when it cannot be encoded. */
export function Barcode128({ value, moduleWidth = 2, height = 56 }: Barcode128Props) {
  let widths: number[];
  try {
    widths = code128Widths(value);
  } catch {
    return <span className="rs-barcode-text">{value}</span>;
  }
  const bars: Array<{ x: number; w: number }> = [];
  let x = QUIET_ZONE;
  widths.forEach((w, i) => {
    if (i % 2 === 0) bars.push({ x, w });
    x += w;
  });
  const total = x + QUIET_ZONE;
  const width = total * moduleWidth;
  return (
    <svg
      className="rs-barcode"
      role="img"
      aria-label={value}
      data-test-barcode={value}
      width={width}
      height={height + 18}
      viewBox={`0 0 ${width} ${height + 18}`}
      shapeRendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect x={0} y={0} width={width} height={height + 18} fill="#fff" />
      {bars.map((b) => <rect key={b.x} x={b.x * moduleWidth} y={0} width={b.w * moduleWidth} height={height} fill="#000" />)}
      <text x={width / 2} y={height + 14} textAnchor="middle" fontFamily="monospace" fontSize={13} fill="#000">{value}</text>
    </svg>
  );
}
