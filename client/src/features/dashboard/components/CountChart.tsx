import { useId } from "react";
import { Bar, BarChart, Cell, LabelList, XAxis, YAxis } from "recharts";
import { useI18n } from "../../../lib/i18n";

export interface CountRow {
  key: string;
  label: string;
  count: number;
  color: string;
}

/**
 * A horizontal bar chart of counts. The SVG is decoration for sighted users (hidden from assistive technology);
 * the figure's caption is its title and a visually hidden table carries the same numbers.
 */
export function CountChart({
  title,
  categoryLabel,
  countLabel,
  rows,
}: {
  title: string;
  categoryLabel: string;
  countLabel: string;
  rows: readonly CountRow[];
}) {
  const { formatNumber } = useI18n();
  const titleId = useId();
  const height = Math.max(120, rows.length * 34 + 16);
  return (
    <figure className="dash-chart" aria-labelledby={titleId}>
      <figcaption id={titleId} className="dash-chart-title">
        {title}
      </figcaption>
      <div className="dash-chart-canvas" aria-hidden="true" style={{ height }}>
        <BarChart
          responsive
          style={{ width: "100%", height }}
          data={rows as CountRow[]}
          layout="vertical"
          margin={{ top: 4, right: 48, bottom: 4, left: 4 }}
          accessibilityLayer={false}
        >
          <XAxis type="number" hide allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={150} tickLine={false} axisLine={false} interval={0} />
          <Bar dataKey="count" isAnimationActive={false} radius={[0, 4, 4, 0]} barSize={20}>
            {rows.map((r) => (
              <Cell key={r.key} fill={r.color} />
            ))}
            <LabelList dataKey="count" position="right" formatter={(v: unknown) => formatNumber(Number(v))} />
          </Bar>
        </BarChart>
      </div>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{categoryLabel}</th>
            <th scope="col">{countLabel}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>{formatNumber(r.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
