import { lazy, Suspense, useId } from "react";
import { useI18n } from "../../../lib/i18n";
import type { CountRow } from "./count-row";

export type { CountRow } from "./count-row";

// The bars (recharts, the app's largest dependency) load on their own after the numbers: the dashboard's first
// content does not wait for them, and the space they take is kept while they load.
const CountBars = lazy(() => import("./CountBars").then((m) => ({ default: m.CountBars })));

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
        <Suspense fallback={null}>
          <CountBars rows={rows} height={height} />
        </Suspense>
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
