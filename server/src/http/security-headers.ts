import type { Request, RequestHandler, Response } from "express";
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
  return securityHeadersOf(strict, withoutCsp, options);
}

/** The headers a helmet middleware sets and removes, recorded once (they depend on nothing in the request). */
export function recordHeaders(handler: RequestHandler): { set: [string, string][]; removed: string[] } {
  const set: [string, string][] = [];
  const removed: string[] = [];
  const res = {
    setHeader(name: string, value: string) {
      set.push([name, value]);
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  let done = false;
  handler({} as Request, res as unknown as Response, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    done = true;
  });
  if (!done) throw new Error("A security header middleware did not finish synchronously");
  return { set, removed };
}

/**
 * Helmet recomputes and sets its ~13 headers, one middleware each, on every answer (~4 % of a small query's CPU,
 * issue 10). None depends on the request (the CSP has no per-request directive), so they are recorded once and
 * replayed: the same headers, the same values, the same removals.
 */
function securityHeadersOf(
  strictHandler: RequestHandler,
  withoutCspHandler: RequestHandler,
  options: { production: boolean },
): RequestHandler {
  const replay = (handler: RequestHandler): RequestHandler => {
    const { set, removed } = recordHeaders(handler);
    return (_req, res, next) => {
      for (const name of removed) res.removeHeader(name);
      for (const [name, value] of set) res.setHeader(name, value);
      next();
    };
  };
  const strict = replay(strictHandler);
  const withoutCsp = replay(withoutCspHandler);
  return (req, res, next) =>
    !options.production && req.method === "GET" && req.path === "/graphql" && req.accepts("html")
      ? withoutCsp(req, res, next)
      : strict(req, res, next);
}
