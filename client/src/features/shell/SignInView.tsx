import { useEffect, useState, type FormEvent } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { useAuth } from "../../lib/auth";
import { useI18n } from "../../lib/i18n";
import { FormField } from "../../components/FormField";
import type { PartnerType, UserRole } from "../../graphql/generated";
import "./shell-messages";

interface DemoUser {
  email: string;
  displayName: string;
  role: UserRole;
  partner: { name: string; partnerId: string; types: PartnerType[]; country: string };
}

const SIGN_IN_ERRORS = ["UNKNOWN_USER", "DEACTIVATED", "SIGN_IN_FAILED", "SIGN_IN_EXPIRED"] as const;

/**
 * Sign-in: the organization account (OpenID Connect, when the server has it), the demo list (seeded users, when
 * the server offers it) and a box to paste an API token. A refused OpenID sign-in comes back with ?error=CODE.
 */
export function SignInView() {
  const { t } = useI18n();
  const { methods, refresh, signInWithToken } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const error = SIGN_IN_ERRORS.find((code) => code === params.get("error"));
  const [users, setUsers] = useState<DemoUser[] | null>(null);
  const [demoOff, setDemoOff] = useState(false);
  const [token, setToken] = useState("");
  const [filter, setFilter] = useState("");

  useEffect(() => {
    let live = true;
    fetch("/auth/demo-users")
      .then(async (r) => {
        if (!r.ok) throw new Error(String(r.status));
        const body = (await r.json()) as { users: DemoUser[] };
        if (live) setUsers(body.users);
      })
      .catch(() => live && setDemoOff(true));
    return () => {
      live = false;
    };
  }, []);

  async function demoLogin(email: string) {
    const r = await fetch("/auth/demo-login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email }),
    });
    if (!r.ok) return;
    // The answer set the session cookie: read the session (and its CSRF token) from the server.
    await refresh();
    navigate("/");
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!token.trim()) return;
    signInWithToken(token);
    navigate("/");
  }

  const shown = (users ?? []).filter((u) =>
    `${u.partner.name} ${u.email} ${u.role}`.toLowerCase().includes(filter.trim().toLowerCase()),
  );

  return (
    <main id="main" className="signin">
      <h1>{t("signin.title")}</h1>
      {error && (
        <p role="alert" className="state-error">
          {t(`signin.error.${error}`)}
        </p>
      )}
      {methods.oidc && (
        <section aria-labelledby="oidc-heading">
          <h2 id="oidc-heading">{t("signin.oidc")}</h2>
          <p className="hint">{t("signin.oidcHint")}</p>
          <a className="button" href="/auth/oidc/login">
            {t("signin.oidc")}
          </a>
        </section>
      )}
      <section aria-labelledby="demo-heading">
        <h2 id="demo-heading">{t("signin.demo")}</h2>
        {demoOff ? (
          <p>{t("signin.noDemo")}</p>
        ) : (
          <>
            <p className="hint">{t("signin.demoHint")}</p>
            <input
              type="search"
              aria-label={t("signin.demo")}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              placeholder="Trey, Wingtip, sales…"
            />
            <ul className="demo-users">
              {shown.slice(0, 60).map((u) => (
                <li key={u.email}>
                  <button type="button" onClick={() => void demoLogin(u.email)}>
                    {/* Said before the visible text, not instead of it (axe: label-content-name-mismatch). */}
                    <span className="sr-only">{t("signin.asPrefix")} </span>
                    <strong>{u.partner.name}</strong>
                    <span>
                      {u.partner.types.map((ty) => t(`type.${ty}`)).join(", ")} · {u.partner.country}
                    </span>
                    <span>
                      {u.displayName} — {t(`role.${u.role}`)}
                    </span>
                    <small>{u.email}</small>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="token-heading">
        <h2 id="token-heading">{t("signin.token")}</h2>
        <p className="hint">{t("signin.tokenHint")}</p>
        <form onSubmit={submit}>
          <FormField label={t("signin.tokenLabel")}>
            <textarea value={token} onChange={(e) => setToken(e.target.value)} rows={3} spellCheck={false} />
          </FormField>
          <button type="submit">{t("signin.submit")}</button>
        </form>
      </section>
    </main>
  );
}
