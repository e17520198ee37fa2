import type { ActivityRowFragment } from "../../graphql/generated";
import { useI18n } from "../../lib/i18n";
import "./messages";

const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));

/** Audit events, newest first: when, who, which mutation, its outcome, and what changed or why it was refused. */
export function ActivityTable({ events }: { events: ActivityRowFragment[] }) {
  const { t, formatDate } = useI18n();
  // Long operation names and changes wrap, and a table still wider than a phone scrolls in its own box.
  return (
    <div className="table-wrap">
      <table className="activity">
        <caption className="sr-only">{t("activity.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("activity.col.when")}</th>
            <th scope="col">{t("activity.col.who")}</th>
            <th scope="col">{t("activity.col.what")}</th>
            <th scope="col">{t("activity.col.outcome")}</th>
            <th scope="col">{t("activity.col.why")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td>
                <time dateTime={e.occurredAt} title={e.occurredAt}>
                  {formatDate(e.occurredAt)}
                </time>
              </td>
              <td>{e.actor.name ?? t("activity.actor.unknown")}</td>
              <td>
                <code>{e.operation}</code>
              </td>
              <td>{t(`activity.outcome.${e.outcome}`)}</td>
              <td>
                <ul>
                  {e.changes.flatMap((c) =>
                    c.fields.map((f) => (
                      <li key={`${c.type}.${f.field}`}>
                        {c.type}.{f.field}: {show(f.before)} → {show(f.after)}
                      </li>
                    )),
                  )}
                  {e.userErrors.map((u, i) => (
                    <li key={`error-${i}`}>{u.message}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
