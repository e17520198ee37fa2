import { HeaderMap, type ApolloServer, type BaseContext } from "@apollo/server";
import compression from "compression";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { ErrorRequestHandler, Express, NextFunction, Request, RequestHandler, Response } from "express";

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

/** POST /graphql, with or without a query string (the path the edge serves without Express's router). */
export function isGraphqlPost(req: IncomingMessage): boolean {
  const url = req.url ?? "";
  return req.method === "POST" && url.startsWith("/graphql") && (url.length === 8 || url[8] === "?");
}

/**
 * The HTTP server's listener: POST /graphql goes straight to the edge, everything else to Express. The router
 * still has /graphql mounted (GET, and any request the listener does not take), but a query no longer walks it:
 * matching, prefix trimming and the final handler were ~4 % of a small query's CPU (issue 10). The request and
 * response get what `app.handle` gives them before its router (express/lib/application.js, Express 5): Express's
 * prototypes (`req.ip` with `trust proxy`, `res.status`, `res.json`), each other and `locals`.
 */
export function graphqlFirst(app: Express, edge: RequestHandler, onError: ErrorRequestHandler): RequestListener {
  return (incoming: IncomingMessage, outgoing: ServerResponse) => {
    if (!isGraphqlPost(incoming)) return app(incoming, outgoing);
    Object.setPrototypeOf(incoming, app.request);
    Object.setPrototypeOf(outgoing, app.response);
    const req = incoming as Request;
    const res = outgoing as Response;
    req.res = res;
    res.req = req;
    res.locals = Object.create(null) as Response["locals"];
    // After an error once the answer has started, nothing can be said: the connection is closed (as Express does).
    const closeConnection = () => req.socket.destroy();
    edge(req, res, (error?: unknown) => {
      if (error) return onError(error, req, res, closeConnection);
      // Every edge ends in Apollo's handler, which answers: this is a step that neither answered nor failed.
      if (!res.headersSent) res.status(404).json({ errors: [{ message: "Not found" }] });
    });
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
