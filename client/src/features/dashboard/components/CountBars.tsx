import { Bar, BarChart, Cell, LabelList, XAxis, YAxis } from "recharts";
import { useI18n } from "../../../lib/i18n";
import type { CountRow } from "./count-row";

/** CountChart's drawing: horizontal bars (recharts, loaded as its own chunk). */
export function CountBars({ rows, height }: { rows: readonly CountRow[]; height: number }) {
  const { formatNumber } = useI18n();
  return (
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
  );
}
