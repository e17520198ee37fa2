import type { ReactNode } from "react";
import { Link, useLocation } from "react-router";
import { isProvider, useViewer } from "../../shell/viewer";
import { resellerUrl } from "../urls";

/** A placeholder no partner name contains, to cut a translated sentence around the name. */
const MARK = "\u0000";

/**
 * A reseller's name: a link to its page for a provider (who may open `/resellers/:id`), plain text for anyone else
 * (a reseller, a direct-bill partner), for the viewer's own partner and on that reseller's own page. With `sentence`, the name sits inside a
 * translated sentence, e.g. `(name) => t("transfers.forReseller", { name })`.
 */
export function ResellerLink({
  reseller,
  sentence,
  className,
}: {
  reseller: { id: string; name: string };
  sentence?: (name: string) => string;
  className?: string;
}) {
  const viewer = useViewer();
  const { pathname } = useLocation();
  // No link to the page one is on (the reseller page lists its own subscriptions).
  const linked = isProvider(viewer) && reseller.id !== viewer.partner.id && pathname !== resellerUrl(reseller.id);
  const name: ReactNode = linked ? (
    <Link to={resellerUrl(reseller.id)} className={className}>
      {reseller.name}
    </Link>
  ) : (
    reseller.name
  );
  if (!sentence) return <>{name}</>;
  const [before = "", after = ""] = sentence(MARK).split(MARK);
  return (
    <>
      {before}
      {name}
      {after}
    </>
  );
}
