import { AsyncResource } from "node:async_hooks";
import express, { type RequestHandler } from "express";

/** A request error as body-parser makes them: the status answers it (the app's error handler reads `status`). */
function requestError(status: number, message: string, type: string): Error {
  return Object.assign(new Error(message), { status, statusCode: status, type, expose: true });
}

/** `application/json`, with no parameter or `charset=utf-8` only: what every GraphQL client sends. */
function isPlainJson(contentType: string): boolean {
  const semicolon = contentType.indexOf(";");
  const mediaType = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  if (mediaType !== "application/json") return false;
  if (semicolon === -1) return true;
  const parameters = contentType
    .slice(semicolon + 1)
    .trim()
    .toLowerCase()
    .replace(/"/g, "");
  return parameters === "" || parameters === "charset=utf-8";
}

/**
 * express.json for /graphql (issue 10). The common request (JSON in UTF-8, not compressed, with a Content-Length
 * within the limit) is read and parsed here: body-parser's per-request machinery (content-type parsing with
 * type-is, raw-body's async resource and iconv decoding) was ~3.5 % of a small query's CPU. Everything else — a
 * compressed body, another charset, a chunked body, no body, one over the limit, another media type — goes to
 * express.json itself, which inflates, decodes, refuses or skips it as before. What this path answers is what
 * express.json answers: the parsed body, `{}` for an empty one, 400 when the JSON is not an object or array or
 * does not parse; a client gone in the middle of its body ends the request with an error nobody receives.
 */
export function jsonBody(limitBytes: number, options: { keepAsyncContext: boolean }): RequestHandler {
  const general = express.json({ limit: limitBytes });
  return (req, res, nextStep) => {
    const type = req.headers["content-type"];
    const encoding = req.headers["content-encoding"];
    const declared = req.headers["content-length"];
    const length = declared === undefined ? NaN : Number(declared);
    if (
      type === undefined ||
      !isPlainJson(type) ||
      (encoding !== undefined && encoding.toLowerCase() !== "identity") ||
      req.headers["transfer-encoding"] !== undefined ||
      !Number.isSafeInteger(length) ||
      length > limitBytes
    ) {
      return general(req, res, nextStep);
    }
    // The request goes on from the socket's `end` event, outside the async context it came in with. With COUNT_SQL
    // that context is the statement counter's (http/request-log.ts): the rest of the request is bound back to it,
    // as body-parser does for every request. Without it there is no context to keep, and nothing is bound.
    const next = options.keepAsyncContext ? AsyncResource.bind(nextStep) : nextStep;
    // Node's parser delivers exactly Content-Length bytes before `end`: the limit holds without counting.
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      req.removeListener("data", onData);
      req.removeListener("end", onEnd);
      req.removeListener("error", onGone);
      req.removeListener("aborted", onGone);
      next(error);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
    };
    // An error on the socket and an aborted request mean the same here: the client is gone mid-body.
    const onGone = () => settle(requestError(400, "request aborted", "request.aborted"));
    const onEnd = () => {
      if (received === 0) {
        req.body = {};
        return settle();
      }
      let text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received)).toString("utf8");
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      // Strict, as express.json: only an object or an array.
      const first = /\S/.exec(text)?.[0];
      if (first !== "{" && first !== "[") {
        return settle(requestError(400, "JSON body must be an object or an array", "entity.parse.failed"));
      }
      try {
        req.body = JSON.parse(text) as unknown;
      } catch {
        return settle(requestError(400, "JSON body does not parse", "entity.parse.failed"));
      }
      settle();
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onGone);
    req.on("aborted", onGone);
  };
}
