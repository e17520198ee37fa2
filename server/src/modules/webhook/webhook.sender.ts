import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { isPrivateAddress } from "./webhook.rules";

export interface SendResult {
  /** The receiver's HTTP status, or null when none came (refused, timeout, TLS…). */
  responseCode: number | null;
  responseTimeMs: number;
  error: string | null;
}

/**
 * A DNS lookup that refuses private addresses: the check is made on the address the socket connects to, so a host
 * name that resolves (or re-resolves, DNS rebinding) to the server's network is refused at connection time.
 */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "", 0);
      const list = addresses as LookupAddress[];
      const refused = allowPrivate ? undefined : list.find((a) => isPrivateAddress(a.address));
      if (refused || list.length === 0) {
        const e = new Error(`address ${refused?.address ?? "none"} of ${hostname} is private: refused`);
        return callback(Object.assign(e, { code: "EPRIVATE" }), "", 0);
      }
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/**
 * POSTs `body` with `headers`: no redirects followed, the answer's body read and dropped (at most 64 KB), the
 * whole exchange bounded by `timeoutMs`. Never throws: failures are the result's `error`.
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  opts: { timeoutMs: number; allowPrivate: boolean },
): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    // Set once the request is made; a failure before that (a refused URL) has no timer to clear.
    const clock: { timer?: NodeJS.Timeout } = {};
    const done = (r: Omit<SendResult, "responseTimeMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(clock.timer);
      resolve({ ...r, responseTimeMs: elapsed() });
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return done({ responseCode: null, error: "the URL is not valid" });
    }
    const https = target.protocol === "https:";
    if (!https && !(target.protocol === "http:" && opts.allowPrivate)) {
      return done({ responseCode: null, error: "only https:// URLs are allowed" });
    }
    if (!opts.allowPrivate && isPrivateAddress(target.hostname)) {
      return done({ responseCode: null, error: `address ${target.hostname} is private: refused` });
    }
    const options: RequestOptions = {
      method: "POST",
      headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      lookup: guardedLookup(opts.allowPrivate),
      agent: false,
    };
    const req = (https ? httpsRequest : httpRequest)(target, options, (res) => {
      let read = 0;
      res.on("data", (chunk: Buffer) => {
        read += chunk.length;
        if (read > 65_536) res.destroy();
      });
      const finish = () => done({ responseCode: res.statusCode ?? null, error: null });
      res.on("end", finish);
      res.on("close", finish);
      res.on("error", finish);
    });
    clock.timer = setTimeout(() => {
      req.destroy();
      done({ responseCode: null, error: `no answer within ${opts.timeoutMs} ms` });
    }, opts.timeoutMs);
    req.on("error", (err: NodeJS.ErrnoException) =>
      done({ responseCode: null, error: err.message || String(err.code) }),
    );
    req.end(body);
  });
}
