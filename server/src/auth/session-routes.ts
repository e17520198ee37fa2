import type { Express } from "express";
import type { DataSource } from "typeorm";
import type { AppConfig } from "../config";
import { csrfTokenFor, endSession, findSession, passesCsrfCheck, sessionSecretOf } from "../http/session";
import { recordSignInAlone, SIGN_IN_OPERATION } from "./sign-in-audit";
import { requestIdOf } from "../http/request-log";

/**
 * The browser's view of its session:
 *   GET  /auth/session → { user, csrfToken, expiresAt, signIn: { oidc, demo, customerOidc } }; user null when signed out. The
 *                        CSRF token is readable only by the app's own pages (same origin, no CORS).
 *   POST /auth/logout  → deletes the session and clears the cookie (204); with a live session it needs the CSRF
 *                        header, so another site cannot sign the user out.
 */
export function mountSessionRoutes(app: Express, ds: DataSource, config: AppConfig): void {
  const signIn = { oidc: config.oidc !== null, demo: config.demoLogin, customerOidc: config.customerOidc !== null };
  app.get("/auth/session", async (req, res, next) => {
    try {
      res.set("Cache-Control", "no-store");
      const secret = sessionSecretOf(req, config);
      const live = secret ? await findSession(ds, secret) : null;
      if (!live) {
        res.json({ user: null, csrfToken: null, expiresAt: null, signIn });
        return;
      }
      res.json({
        user: { email: live.user.email, displayName: live.user.displayName, role: live.user.role },
        csrfToken: csrfTokenFor(config, live.secret),
        expiresAt: live.session.expiresAt.toISOString(),
        signIn,
      });
    } catch (error) {
      next(error);
    }
  });
  app.post("/auth/logout", async (req, res, next) => {
    try {
      const secret = sessionSecretOf(req, config);
      const live = secret ? await findSession(ds, secret) : null;
      if (live && !passesCsrfCheck(req, config, live.secret)) {
        res.status(403).json({ error: "CSRF_REFUSED" });
        return;
      }
      await endSession(ds, config, req, res);
      if (live) {
        const { user } = live;
        await recordSignInAlone(ds, {
          requestId: requestIdOf(res),
          operation: SIGN_IN_OPERATION.SIGN_OUT,
          partnerIds: [user.partnerId],
          user,
        });
      }
      res.status(204).end();
    } catch (error) {
      next(error);
    }
  });
}
