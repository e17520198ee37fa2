import type { ReactNode } from "react";
import { Link } from "react-router";
import { isProvider, useViewer } from "../../shell/viewer";
import { resellerUrl } from "../urls";

/** A placeholder no partner name contains, to cut a translated sentence around the name. */
const MARK = "\u0000";

/**
 * A reseller's name: a link to its page for a provider (who may open `/resellers/:id`), plain text for anyone else
 * (a reseller, a direct-bill partner) and for the viewer's own partner. With `sentence`, the name sits inside a
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
  const linked = isProvider(viewer) && reseller.id !== viewer.partner.id;
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
