import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { requestListUrl } from "../urls";
import { ResellerLink } from "../../network/components/ResellerLink";
import { useI18n } from "../../../lib/i18n";
import { useRequestsHandlingQuery } from "../../../graphql/generated";
import { RequestStatusBadge, requestWhat } from "../request-ui";
import { RequestActions } from "./RequestActions";
import "../messages";

/**
 * On the page a request's "Do it" link opens (`?request=<id>`): the request being handled, the reseller's note,
 * and "Mark fulfilled" / "Decline" once the work is done, without going back to the list.
 */
export function HandlingRequest({
  requestId,
  scrollIntoView = false,
}: {
  requestId: string;
  /** Bring it into view once loaded (the page opened for it, and no subscription is targeted). */
  scrollIntoView?: boolean;
}) {
  const { t, locale, formatDate } = useI18n();
  const [done, setDone] = useState<string | null>(null);
  const { data, error } = useRequestsHandlingQuery({ variables: { id: requestId } });
  const node = data?.node;
  const request = node?.__typename === "ProviderRequest" ? node : null;
  const ref = useRef<HTMLElement>(null);
  const shown = Boolean(request);
  const scrolled = useRef(false);
  useEffect(() => {
    if (!shown || !scrollIntoView || scrolled.current) return;
    scrolled.current = true;
    ref.current?.scrollIntoView?.({ block: "start" });
  }, [shown, scrollIntoView]);
  if (error || (data && !request)) {
    return <p className="notice">{t("requests.handling.gone")}</p>;
  }
  if (!request) return null;
  const received = request.direction === "RECEIVED";
  return (
    <section ref={ref} className="panel req-handling" aria-labelledby="handling-title">
      <h2 id="handling-title">
        {received ? (
          <ResellerLink reseller={request.reseller} sentence={(name) => t("requests.handling.title", { name })} />
        ) : (
          t("requests.handling.titleSent", { name: request.provider.name })
        )}{" "}
        <RequestStatusBadge status={request.status} />
      </h2>
      <p>
        <strong>{t(`requests.action.${request.action}`)}</strong>: {requestWhat(t, request, locale)}
        {request.customer && <> · {request.customer.name}</>}{" "}
        <small className="muted">{t("requests.sentOn", { date: formatDate(request.createdAt) })}</small>
      </p>
      {request.note && (
        <p>
          {t("requests.handling.note", { name: request.reseller.name })} <q>{request.note}</q>
        </p>
      )}
      {request.responseNote && (
        <p>
          {t("requests.answer", { name: request.provider.name })} <q>{request.responseNote}</q>
        </p>
      )}
      {done ? (
        <p className="success" role="status">
          {done}
        </p>
      ) : (
        request.status === "OPEN" && received && <p className="hint">{t(`requests.handling.how.${request.action}`)}</p>
      )}
      <RequestActions request={request} showDoIt={false} onDone={setDone} />
      <p>
        <Link to={requestListUrl({ direction: received ? "RECEIVED" : "SENT", status: "OPEN" })}>
          {t("requests.handling.back")}
        </Link>
      </p>
    </section>
  );
}
