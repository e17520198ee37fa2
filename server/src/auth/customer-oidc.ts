import type { Express, Response } from "express";
import type { DataSource } from "typeorm";
import type { AppConfig, OidcConfig } from "../config";
import { logger } from "../common/log";
import { customerTenantOfLink, partiesOfLink } from "../modules/customer/customer-relationship.service";
import { REQUEST_TOKEN_LENGTH } from "../modules/customer/customer-relationship.entity";
import { GLOBAL_ADMIN_ROLE_TEMPLATE_ID, signCustomerAdminToken } from "./customer-admin-token";
import { issuerMatchesTenant } from "./issuer";
import { recordSignInAlone, SIGN_IN_OPERATION } from "./sign-in-audit";
import { requestIdOf } from "../http/request-log";
import { oidcFlow } from "./oidc-flow";

export { issuerMatchesTenant };

/**
 * A CUSTOMER tenant's global admin signs in with OpenID Connect to accept a relationship request (issue 7 item 5),
 * against OIDC_CUSTOMER_ISSUER: a multi-tenant authority (Microsoft Entra ID:
 * https://login.microsoftonline.com/organizations/v2.0). Same flow as the partner sign-in (auth/oidc-flow.ts:
 * authorization code, PKCE S256, state, nonce, the flow's secrets in a signed httpOnly cookie), with its own
 * cookie and audience so neither flow can finish the other.
 *
 *   GET /auth/oidc/customer/login?link=<acceptance token> → to the provider (the link must be live)
 *   GET /auth/oidc/customer/callback                      → checks, then /relationships/accept?token=…#session=…
 *
 * Checks at the callback, all before any session is issued:
 * - the ID token's `iss` is the issuer of the tenant it names: a multi-tenant authority's discovery document
 *   publishes `https://login.microsoftonline.com/{tenantid}/v2.0`, and each token carries its tenant's issuer, so
 *   `{tenantid}` is replaced with the token's `tid` and compared ("Update your code to handle multiple issuer
 *   values", https://learn.microsoft.com/en-us/entra/identity-platform/howto-convert-app-to-be-multi-tenant).
 *   openid-client 6 does the same for login.microsoftonline.com; `issuerMatchesTenant` (auth/issuer.ts, shared with
 *   the partner sign-in) checks it again here;
 * - `tid` is the tenant of the customer the link's request names (else WRONG_TENANT);
 * - `wids` (the directory roles' template ids) contains Global Administrator's, 62e90394-69f5-4237-9190-012177145e10
 *   ("Microsoft Entra built-in roles",
 *   https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/permissions-reference), else
 *   NOT_GLOBAL_ADMIN. The app registration must emit `wids` in ID tokens (README, Customer sign-in).
 *
 * The customer-admin session (customer-admin-token.ts, 15 minutes, its own audience) goes to the SPA in the URL
 * FRAGMENT of the accept page, not in a cookie: the accept mutation takes it as an explicit input, so no ambient
 * credential exists that another site could make a browser send (no CSRF on an anonymous mutation); a fragment is
 * never sent to a server, a proxy's log nor a Referer, and the page removes it from the address bar and history at
 * once. Refusals are a plain page (403) in English and Portuguese, and nothing is issued.
 */

const FLOW_PATH = "/auth/oidc/customer";

export type CustomerSignInRefusal =
  "LINK_INVALID" | "SIGN_IN_FAILED" | "SIGN_IN_EXPIRED" | "WRONG_TENANT" | "NOT_GLOBAL_ADMIN";

const REFUSALS: Record<CustomerSignInRefusal, { en: string; pt: string }> = {
  LINK_INVALID: {
    en: "This acceptance link is unknown, expired or already used. Ask the partner for a new link.",
    pt: "Esta ligação de aceitação é desconhecida, expirou ou já foi usada. Peça uma nova ligação ao parceiro.",
  },
  SIGN_IN_FAILED: {
    en: "The sign-in could not be verified. Open the link again and sign in once more.",
    pt: "Não foi possível verificar o início de sessão. Abra a ligação de novo e inicie sessão outra vez.",
  },
  SIGN_IN_EXPIRED: {
    en: "The sign-in took too long or was started in another browser. Open the link again.",
    pt: "O início de sessão demorou demasiado ou foi iniciado noutro browser. Abra a ligação de novo.",
  },
  WRONG_TENANT: {
    en: "You signed in to a different organisation from the one this request was sent to. Sign in with an account of the customer's organisation.",
    pt: "Iniciou sessão numa organização diferente daquela a que o pedido foi enviado. Inicie sessão com uma conta da organização do cliente.",
  },
  NOT_GLOBAL_ADMIN: {
    en: "Only a Global Administrator of the customer's organisation can accept this request. Your account does not hold that role.",
    pt: "Só um Administrador Global da organização do cliente pode aceitar este pedido. A sua conta não tem essa função.",
  },
};

const isLinkToken = (v: unknown): v is string =>
  typeof v === "string" && v.length >= REQUEST_TOKEN_LENGTH.min && v.length <= REQUEST_TOKEN_LENGTH.max;

/** What a verified ID token says of the admin: tenant, sign-in name and directory roles; null if unusable. */
export function customerAdminOf(
  claims: Record<string, unknown>,
): { tenantId: string; upn: string; roleTemplateIds: string[] } | null {
  const { tid, wids } = claims;
  const name = [claims.upn, claims.preferred_username, claims.email].find(
    (v): v is string => typeof v === "string" && v.includes("@") && v.length <= 254,
  );
  if (typeof tid !== "string" || tid.length === 0 || tid.length > 64 || !name) return null;
  const roles = Array.isArray(wids) ? wids.filter((w): w is string => typeof w === "string").slice(0, 200) : [];
  return { tenantId: tid, upn: name, roleTemplateIds: roles };
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function refusalPage(reason: CustomerSignInRefusal): string {
  const { en, pt } = REFUSALS[reason];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Relationship not accepted</title></head>
<body><main>
<h1>Relationship not accepted</h1><p data-reason="${reason}">${escapeHtml(en)}</p>
<section lang="pt-PT"><h2>Relação não aceite</h2><p>${escapeHtml(pt)}</p></section>
</main></body></html>`;
}

export function mountCustomerOidc(app: Express, ds: DataSource, config: AppConfig, settings: OidcConfig): void {
  const flows = oidcFlow<{ link: string }>(config, settings, {
    cookie: "cg_customer_oidc_flow",
    path: FLOW_PATH,
    audience: "channelgate-customer-oidc-flow",
    readExtra: (p) => (isLinkToken(p.link) ? { link: p.link } : null),
    logLabel: "customer oidc",
  });
  const refuse = (res: Response, reason: CustomerSignInRefusal) => {
    flows.clear(res);
    res
      .status(reason === "LINK_INVALID" ? 404 : 403)
      .type("html")
      .send(refusalPage(reason));
  };

  app.get(`${FLOW_PATH}/login`, async (req, res, next) => {
    try {
      res.set("Cache-Control", "no-store");
      const link = req.query.link;
      if (!isLinkToken(link) || !(await customerTenantOfLink(ds.manager, link))) return refuse(res, "LINK_INVALID");
      await flows.start(req, res, { link });
    } catch (error) {
      next(error);
    }
  });

  app.get(`${FLOW_PATH}/callback`, async (req, res, next) => {
    try {
      res.set("Cache-Control", "no-store");
      const flow = await flows.read(req);
      if (!flow) return refuse(res, "SIGN_IN_EXPIRED");
      // The link again: it may have been used or expired while the admin signed in. Its requesters are the
      // partners this sign-in is accountable to (auth/sign-in-audit.ts).
      const link = await partiesOfLink(ds.manager, flow.link);
      const audit = (refusal: CustomerSignInRefusal | null, upn: string | null = null) =>
        link
          ? recordSignInAlone(ds, {
              requestId: requestIdOf(res),
              operation: SIGN_IN_OPERATION.CUSTOMER_OIDC,
              partnerIds: link.partnerIds,
              customerId: link.customerId,
              customerAdminUpn: upn,
              refusal: refusal && { code: refusal },
            })
          : Promise.resolve();
      const exchanged = await flows.exchange(req, flow);
      if (!exchanged) {
        await audit("SIGN_IN_FAILED");
        return refuse(res, "SIGN_IN_FAILED");
      }
      const { claims, issuer } = exchanged;
      const admin = customerAdminOf(claims);
      if (!admin || !issuerMatchesTenant(issuer, claims)) {
        logger.warn("customer oidc: the ID token's iss/tid/name do not fit");
        await audit("SIGN_IN_FAILED");
        return refuse(res, "SIGN_IN_FAILED");
      }
      if (!link) return refuse(res, "LINK_INVALID");
      const tenantId = link.tenantId;
      if (admin.tenantId.toLowerCase() !== tenantId.toLowerCase()) {
        // Not the customer's account: its name (a person of another organisation) stays out of the partner's log.
        logger.warn({ tid: admin.tenantId }, "customer oidc: signed in to another tenant than the link's customer");
        await audit("WRONG_TENANT");
        return refuse(res, "WRONG_TENANT");
      }
      if (!admin.roleTemplateIds.includes(GLOBAL_ADMIN_ROLE_TEMPLATE_ID)) {
        logger.warn({ tid: admin.tenantId }, "customer oidc: not a global administrator");
        await audit("NOT_GLOBAL_ADMIN", admin.upn.toLowerCase());
        return refuse(res, "NOT_GLOBAL_ADMIN");
      }
      // Nothing is stored with it (the session is a signed token), so the event has its own small transaction.
      await audit(null, admin.upn.toLowerCase());
      const session = await signCustomerAdminToken(config.authSecret, { ...admin, tenantId });
      const fragment = new URLSearchParams({ session, upn: admin.upn.toLowerCase() });
      flows.clear(res);
      res.redirect(303, `/relationships/accept?token=${encodeURIComponent(flow.link)}#${fragment.toString()}`);
    } catch (error) {
      next(error);
    }
  });
}
