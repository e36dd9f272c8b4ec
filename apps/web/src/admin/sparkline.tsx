/** A tiny hand-made SVG line chart of the last samples, scaled to their own maximum. */
export function Sparkline({
  values,
  label,
  width = 240,
  height = 56,
}: {
  values: number[];
  label: string;
  width?: number;
  height?: number;
}) {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map((value, index) => `${(index * step).toFixed(1)},${(height - 4 - (value / max) * (height - 8)).toFixed(1)}`);
  return (
    <svg className="sparkline" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={label}>
      <line x1="0" x2={width} y1={height - 4} y2={height - 4} className="axis" />
      {points.length > 0 && (
        <polyline
          points={[`0,${height - 4}`, ...points, `${((values.length - 1) * step).toFixed(1)},${height - 4}`].join(' ')}
          className="area"
        />
      )}
      {points.length > 0 && <polyline points={points.join(' ')} className="line" />}
    </svg>
  );
}
