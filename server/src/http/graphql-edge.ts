import { HeaderMap, type ApolloServer, type BaseContext } from "@apollo/server";
import compression from "compression";
import type { NextFunction, Request, RequestHandler, Response } from "express";

/**
 * The steps of the /graphql edge as one Express handler, run in order. Mounted as one `app.use`, the router
 * matches the path once instead of once per step (each step was a layer of its own: path matching, prefix
 * trimming and restoring, ~5 % of a small query's CPU, issue 10). A step ends the request by answering, passes
 * an error on (the app's error handler answers it), or calls `next()`.
 */
export function series(...steps: RequestHandler[]): RequestHandler {
  return (req, res, done) => {
    let index = 0;
    const next: NextFunction = (error?: unknown) => {
      if (error) return done(error);
      const step = steps[index++];
      if (!step) return done();
      try {
        const running: unknown = step(req, res, next);
        if (running instanceof Promise) running.catch(done);
      } catch (thrown) {
        done(thrown);
      }
    };
    next();
  };
}

/** JSON answers from this size up are compressed when the client accepts it (the `compression` default). */
export const COMPRESS_FROM_BYTES = 1024;

/**
 * Apollo Server's handler for /graphql (an integration over `executeHTTPGraphQLRequest`, the API Apollo documents
 * for building one: apollographql.com/docs/apollo-server/integrations/building-integrations). It replaces
 * `@as-integrations/express5` to see the answer before it is sent: `compression` is applied only to an answer
 * large enough to be compressed, for a client that accepts an encoding. Applied to every request, its response
 * wrapping cost ~4 % of a small query's CPU for answers that are then sent as they are (most are under 1 KB).
 * The body was parsed by express.json before; the answer goes out with `res.send` (Idempotency-Key keeps it).
 */
export function graphqlHandler<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  context: (req: Request, res: Response) => Promise<TContext>,
): RequestHandler {
  server.assertStarted("graphqlHandler()");
  const compress = compression({ threshold: COMPRESS_FROM_BYTES });
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const name in req.headers) {
      const value = req.headers[name];
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const query = req.url.indexOf("?");
    const answer = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method.toUpperCase(),
        headers,
        search: query === -1 ? "" : req.url.slice(query),
        body: req.body,
      },
      context: () => context(req, res),
    });
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    res.statusCode = answer.status ?? 200;
    // The answer depends on Accept-Encoding whether or not this one is compressed (as `compression` marks it).
    res.setHeader("vary", "Accept-Encoding");
    if (answer.body.kind === "complete") {
      const text = answer.body.string;
      // Characters, not bytes: an answer a little over the size in multi-byte text may go uncompressed.
      if (text.length >= COMPRESS_FROM_BYTES && req.headers["accept-encoding"]) compress(req, res, noop);
      res.send(text);
      return;
    }
    // Incremental delivery (@defer/@stream) is not enabled; should Apollo stream, each part goes out as it comes.
    compress(req, res, noop);
    for await (const chunk of answer.body.asyncIterator) {
      res.write(chunk);
      (res as Response & { flush?: () => void }).flush?.();
    }
    res.end();
  };
}

const noop = () => {};
