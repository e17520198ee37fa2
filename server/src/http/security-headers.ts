import type { RequestHandler } from "express";
import helmet from "helmet";

/**
 * Security headers on every answer (helmet's defaults: HSTS, nosniff, frame-ancestors none, referrer policy, …)
 * with a Content-Security-Policy that the built SPA passes: its own scripts and styles only, API calls to its
 * own origin. The development landing page of /graphql (Apollo Sandbox, loaded from Apollo's CDN) is left
 * without a CSP; in production it is not served.
 */
export function securityHeaders(options: { production: boolean }): RequestHandler {
  const strict = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        // React sets style properties through the DOM (allowed); the built CSS files come from 'self'.
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        ...(options.production ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    strictTransportSecurity: options.production,
    crossOriginEmbedderPolicy: false,
  });
  const withoutCsp = helmet({ contentSecurityPolicy: false, strictTransportSecurity: options.production });
  return (req, res, next) =>
    !options.production && req.method === "GET" && req.path === "/graphql" && req.accepts("html")
      ? withoutCsp(req, res, next)
      : strict(req, res, next);
}
