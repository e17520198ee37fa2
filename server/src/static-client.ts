import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import compression from "compression";
import express, { type Express } from "express";

/** The built SPA (client/dist), if present. CLIENT_DIST overrides the location. */
export function clientDistPath(): string | null {
  const dir = resolve(process.env.CLIENT_DIST ?? join(__dirname, "..", "..", "..", "client", "dist"));
  return existsSync(join(dir, "index.html")) ? dir : null;
}

/**
 * Serves the SPA beside /graphql: hashed assets cached for a year and compressed (gzip or brotli, as the browser
 * accepts), index.html never cached, and every other GET that accepts HTML answered with index.html so client-side
 * routes work on reload. Source maps are built for debugging but never served: the code's shape is not public.
 */
export function mountClient(app: Express, dir: string): void {
  app.use(/.*\.map$/, (_req, res) => {
    res.status(404).end();
  });
  app.use(compression());
  app.use("/assets", express.static(join(dir, "assets"), { immutable: true, maxAge: "1y", fallthrough: false }));
  app.use(express.static(dir, { index: false, maxAge: 0 }));
  app.get(/^\/(?!graphql|auth\/|healthz).*/, (req, res, next) => {
    if (!req.accepts("html")) return next();
    res.setHeader("cache-control", "no-cache");
    res.sendFile(join(dir, "index.html"));
  });
}
