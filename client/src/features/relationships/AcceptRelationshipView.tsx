import { useState, type ReactNode } from "react";
import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { LOCALES, useI18n, type Locale } from "../../lib/i18n";
import { useMutationForm } from "../../lib/mutation-form";
import { useUrlParams } from "../../lib/url-params";
import { fieldError, type UserErrorLike } from "../../lib/user-errors";
import { useRelationshipAcceptMutation, useRelationshipPreviewQuery } from "../../graphql/generated";
import { AcceptRelationshipForm, type AcceptValues } from "./components/AcceptRelationshipForm";
import { RequestPreview } from "./components/RequestPreview";
import { acceptRelationshipParams } from "./urls";
import "./messages";
import "../customers/customers.css";

/** The public page's frame: no navigation, no sign-in; just the brand and the language switch. */
function PublicFrame({ children }: { children: ReactNode }) {
  const { t, locale, setLocale } = useI18n();
  return (
    <div className="cust">
      <header className="public-top">
        <span className="brand">{t("app.name")}</span>
        <label className="lang">
          <span className="sr-only">{t("accept.language")}</span>
          <select
            value={locale}
            onChange={(e) => setLocale(e.target.value as Locale)}
            aria-label={t("accept.language")}
          >
            {LOCALES.map((l) => (
              <option key={l.id} value={l.id}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
      </header>
      <main id="main" className="public-page">
        {children}
      </main>
    </div>
  );
}

interface Accepted {
  customerName: string | null;
  partnerNames: readonly string[];
}

/** The API refuses a malformed token (BAD_USER_INPUT): to the admin, that is an unknown link. */
function isBadToken(error: unknown) {
  return CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === "BAD_USER_INPUT");
}

/**
 * /relationships/accept?token=… — the page the customer's global admin opens from the partner's link. Shows what
 * the link asks (customer, partners, delegated admin) from the public relationshipRequest preview, explains what
 * accepting grants, asks for the admin's UPN and accepts (acceptCustomerRelationship needs no sign-in). A link that
 * is unknown or already used says so, with no form.
 */
export function AcceptRelationshipView() {
  const { t } = useI18n();
  const [{ token }] = useUrlParams(acceptRelationshipParams);
  const [accept] = useRelationshipAcceptMutation();
  const form = useMutationForm();
  const preview = useRelationshipPreviewQuery({ variables: { token }, skip: !token, fetchPolicy: "network-only" });
  const request = preview.data?.relationshipRequest ?? null;
  // Unknown or already used: the API answers null (or refuses a malformed token).
  const unknownLink = Boolean(token) && ((preview.data !== undefined && !request) || isBadToken(preview.error));
  const [accepted, setAccepted] = useState<Accepted | null>(null);

  async function submit(values: AcceptValues) {
    const payload = await form.submit(
      async () =>
        (
          await accept({
            variables: { input: { token: values.token, acceptedBy: values.acceptedBy.trim() } },
          })
        ).data?.acceptCustomerRelationship,
      {
        validate: () => {
          const local: UserErrorLike[] = [];
          if (!values.token) local.push(fieldError("token", t("accept.noToken")));
          if (!values.acceptedBy.trim()) local.push(fieldError("acceptedBy", t("accept.upnRequired")));
          if (!values.consent) local.push(fieldError("consent", t("accept.consentRequired")));
          return local;
        },
      },
    );
    if (payload) setAccepted({ customerName: payload.customerName, partnerNames: payload.partnerNames ?? [] });
  }

  return (
    <PublicFrame>
      <h1>{t("accept.title")}</h1>
      {accepted ? (
        <section className="success" aria-labelledby="accept-done-heading">
          <div role="status">
            <h2 id="accept-done-heading">{t("accept.done.title")}</h2>
            <p>{t("accept.done.text", { customer: accepted.customerName ?? "—" })}</p>
            <ul>
              {accepted.partnerNames.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
            <p>{t("accept.done.next")}</p>
          </div>
        </section>
      ) : unknownLink ? (
        <section className="notice" role="alert" aria-labelledby="accept-unknown-heading">
          <h2 id="accept-unknown-heading">{t("accept.unknown.title")}</h2>
          <p>{t("accept.unknown.text")}</p>
        </section>
      ) : (
        <>
          <p>{t("accept.intro")}</p>
          {token && (
            <RequestPreview
              request={request}
              loading={preview.loading}
              error={isBadToken(preview.error) ? null : (preview.error ?? null)}
              onRetry={() => void preview.refetch()}
            />
          )}
          {!token && (
            <p className="notice" role="note">
              {t("accept.missingToken")}
            </p>
          )}
          <section className="panel" aria-labelledby="accept-means-heading">
            <h2 id="accept-means-heading">{t("accept.means.title")}</h2>
            <ul>
              <li>
                <strong>{t("accept.means.reseller")}</strong> {t("accept.means.resellerText")}
              </li>
              <li>
                <strong>{t("accept.means.dap")}</strong> {t("accept.means.dapText")}
              </li>
              <li>
                <strong>{t("accept.means.mca")}</strong> {t("accept.means.mcaText")}
              </li>
            </ul>
            <p className="hint">{t("accept.means.later")}</p>
          </section>
          <div className="panel">
            <AcceptRelationshipForm
              initialToken={token}
              domain={request?.customerDomain ?? null}
              form={form}
              onSubmit={(v) => void submit(v)}
            />
          </div>
        </>
      )}
    </PublicFrame>
  );
}
