import { useEffect, useState, type ReactNode } from "react";
import { useLocation, useNavigate } from "react-router";
import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { fetchSession } from "../../lib/auth";
import { LOCALES, useI18n, type Locale } from "../../lib/i18n";
import { useMutationForm } from "../../lib/mutation-form";
import { useUrlParams } from "../../lib/url-params";
import { fieldError } from "../../lib/user-errors";
import { useRelationshipAcceptMutation, useRelationshipPreviewQuery } from "../../graphql/generated";
import { AcceptRelationshipForm, type AcceptValues } from "./components/AcceptRelationshipForm";
import { CustomerAdminSignInForm } from "./components/CustomerAdminSignInForm";
import { RequestPreview } from "./components/RequestPreview";
import {
  customerSignInUrl,
  sessionFromFragment,
  signInCustomerAdmin,
  type CustomerAdminSession,
  type CustomerSignInMethods,
} from "./customer-admin-sign-in";
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
 * /relationships/accept?token=… — the page the customer's global admin opens from the partner's link. First the
 * admin signs in to their organisation (with their Microsoft account when the server offers it, returning here with
 * the session in the fragment; or the sandbox's simulated sign-in, `signIn`, when the demo is on); then the page shows
 * what the link asks (relationshipRequest, answered only to that tenant's global admin), explains what accepting
 * grants, and accepts with the admin's session (acceptCustomerRelationship). A link that is unknown, expired, used
 * or not for the signed-in organisation says so, with no form.
 */
export function AcceptRelationshipView({
  signIn = signInCustomerAdmin,
  methods: givenMethods,
}: {
  /** How the admin signs in (tests pass a stub). */
  signIn?: (upn: string) => Promise<CustomerAdminSession | null>;
  /** The sign-in ways the server offers (read from GET /auth/session when not given). */
  methods?: CustomerSignInMethods;
}) {
  const { t } = useI18n();
  const [{ token: linkToken }] = useUrlParams(acceptRelationshipParams);
  const location = useLocation();
  const navigate = useNavigate();
  // Back from the organisation's Microsoft sign-in: the session arrives in the fragment (never sent to a server).
  const [signedIn, setSignedIn] = useState<{ session: CustomerAdminSession; token: string } | null>(() => {
    const session = linkToken ? sessionFromFragment(location.hash) : null;
    return session ? { session, token: linkToken } : null;
  });
  const [methods, setMethods] = useState<CustomerSignInMethods | null>(givenMethods ?? null);
  useEffect(() => {
    // The session must not stay in the address bar nor in the history.
    if (location.hash) void navigate({ pathname: location.pathname, search: location.search }, { replace: true });
  }, [location.hash, location.pathname, location.search, navigate]);
  useEffect(() => {
    if (methods) return;
    let live = true;
    fetchSession()
      .then((info) => live && setMethods({ demo: info.signIn.demo, customerOidc: info.signIn.customerOidc ?? false }))
      .catch(() => live && setMethods({ demo: true, customerOidc: false }));
    return () => {
      live = false;
    };
  }, [methods]);
  const token = signedIn?.token ?? linkToken;
  const [accept] = useRelationshipAcceptMutation();
  const form = useMutationForm();
  const preview = useRelationshipPreviewQuery({
    variables: { token, customerAdminToken: signedIn?.session.token ?? "" },
    skip: !signedIn,
    fetchPolicy: "network-only",
  });
  const request = preview.data?.relationshipRequest ?? null;
  // Unknown, expired, used or not this organisation's: the API answers null (or refuses a malformed token).
  const unknownLink = Boolean(signedIn) && ((preview.data !== undefined && !request) || isBadToken(preview.error));
  const [accepted, setAccepted] = useState<Accepted | null>(null);

  async function submit(values: AcceptValues) {
    if (!signedIn) return;
    const payload = await form.submit(
      async () =>
        (
          await accept({
            variables: { input: { token: signedIn.token, customerAdminToken: signedIn.session.token } },
          })
        ).data?.acceptCustomerRelationship,
      {
        validate: () => (values.consent ? [] : [fieldError("consent", t("accept.consentRequired"))]),
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
          {!linkToken && !signedIn && (
            <p className="notice" role="note">
              {t("accept.missingToken")}
            </p>
          )}
          {signedIn && (
            <RequestPreview
              request={request}
              loading={preview.loading}
              error={isBadToken(preview.error) ? null : (preview.error ?? null)}
              onRetry={() => void preview.refetch()}
            />
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
            {signedIn ? (
              request && (
                <AcceptRelationshipForm
                  signedInAs={signedIn.session.upn}
                  form={form}
                  onSubmit={(v) => void submit(v)}
                />
              )
            ) : (
              <>
                {methods?.customerOidc && linkToken && (
                  <section aria-labelledby="accept-oidc-heading">
                    <h2 id="accept-oidc-heading">{t("accept.signIn.title")}</h2>
                    <p>{t("accept.signIn.text")}</p>
                    <a className="button" href={customerSignInUrl(linkToken)}>
                      {t("accept.signIn.microsoft")}
                    </a>
                  </section>
                )}
                {methods?.demo && (
                  <CustomerAdminSignInForm
                    initialToken={linkToken}
                    signIn={signIn}
                    onSignedIn={(session, typed) => setSignedIn({ session, token: typed })}
                  />
                )}
              </>
            )}
          </div>
        </>
      )}
    </PublicFrame>
  );
}
