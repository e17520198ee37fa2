import { Link } from "react-router";
import { useI18n } from "../../../lib/i18n";

export interface StatItem {
  key: string;
  label: string;
  value: number;
  /** Where the number leads (a filtered list). */
  to?: string;
  /** "warn" draws attention when the value is not zero. */
  tone?: "warn";
}

/** Network totals as cards; a card with a destination is one link ("163 Customers"). */
export function StatCards({ items, label }: { items: readonly StatItem[]; label: string }) {
  const { formatNumber } = useI18n();
  return (
    <ul className="stats dash-stat-cards" aria-label={label}>
      {items.map((s) => {
        const body = (
          <>
            <span className="value">{formatNumber(s.value)}</span> <span className="label">{s.label}</span>
          </>
        );
        const cls = `stat${s.tone === "warn" && s.value > 0 ? " dash-stat-warn" : ""}`;
        return (
          <li key={s.key} className={cls} data-stat={s.key}>
            {s.to ? (
              <Link to={s.to} className="dash-stat-link">
                {body}
              </Link>
            ) : (
              body
            )}
          </li>
        );
      })}
    </ul>
  );
}
