import { request } from "node:http";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./harness";
import { expectNoLeak, pagingWorld } from "./fixtures";

// How /graphql reads a POST body (http/json-body.ts reads plain UTF-8 JSON itself, everything else goes to
// express.json) and that POST /graphql, served without Express's router (http/graphql-edge.ts `graphqlFirst`),
// answers as the router did: security headers, errors as short JSON, other paths and methods untouched.
let t: TestServer;
let bearer: string;
beforeAll(async () => {
  const world = pagingWorld();
  t = await startTestServer(world);
  bearer = `Bearer ${await t.tokenFor(world.partners[0]!.key)}`;
});
afterAll(() => t.close());

const VIEWER = JSON.stringify({ query: "{ viewer { partner { name } } }" });

/** A raw request, so that headers and body bytes are exactly what a test says (fetch would fix them up). */
function send(
  body: Buffer | string,
  headers: Record<string, string | number>,
  path = "/graphql",
  method = "POST",
): Promise<{ status: number; text: string; headers: Record<string, string | string[] | undefined> }> {
  const url = new URL(path, t.app.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { authorization: bearer, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), headers: res.headers }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

const partnerName = (text: string) => (JSON.parse(text) as { data: { viewer: { partner: { name: string } } } }).data;

describe("POST /graphql bodies", () => {
  it("reads plain JSON, with or without a charset, with a byte order mark, and in several chunks", async () => {
    const plain = await send(VIEWER, { "content-type": "application/json" });
    expect(plain.status).toBe(200);
    const name = partnerName(plain.text).viewer.partner.name;
    expect(name).toBeTruthy();
    for (const type of ["application/json; charset=utf-8", 'Application/JSON; charset="UTF-8"']) {
      const r = await send(VIEWER, { "content-type": type });
      expect(r.status, type).toBe(200);
      expect(partnerName(r.text).viewer.partner.name).toBe(name);
    }
    const bom = await send(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(VIEWER)]), {
      "content-type": "application/json",
    });
    expect(bom.status).toBe(200);
    expect(partnerName(bom.text).viewer.partner.name).toBe(name);
    // Multi-byte characters split across chunks decode whole (the query's comment holds them).
    const text = JSON.stringify({ query: "# Zürich — 東京\n{ viewer { partner { name } } }" });
    const bytes = Buffer.from(text);
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(
        new URL("/graphql", t.app.url),
        {
          method: "POST",
          headers: { authorization: bearer, "content-type": "application/json", "content-length": bytes.length },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      const cut = bytes.indexOf(Buffer.from("ü")) + 1; // inside the two bytes of ü
      req.write(bytes.subarray(0, cut));
      setTimeout(() => req.end(bytes.subarray(cut)), 20);
    });
    expect(chunked).toBe(200);
  });

  it("reads a gzip body and a chunked body through express.json, as before", async () => {
    const gzip = await send(gzipSync(VIEWER), { "content-type": "application/json", "content-encoding": "gzip" });
    expect(gzip.status).toBe(200);
    expect(partnerName(gzip.text).viewer.partner.name).toBeTruthy();
    const chunked = await send(VIEWER, { "content-type": "application/json", "transfer-encoding": "chunked" });
    expect(chunked.status).toBe(200);
  });

  it("refuses what does not parse, a JSON value that is not an object, and an unknown charset: short JSON errors", async () => {
    const cases: [string, Record<string, string>, number][] = [
      ['{"query": "{ viewer { id } }"', { "content-type": "application/json" }, 400],
      ['"{ viewer { id } }"', { "content-type": "application/json" }, 400],
      ["   ", { "content-type": "application/json" }, 400],
      [VIEWER, { "content-type": "application/json; charset=latin-9000" }, 415],
      [VIEWER, { "content-type": "application/json", "content-encoding": "zip-of-the-future" }, 415],
    ];
    for (const [body, headers, status] of cases) {
      const r = await send(body, headers);
      expect(r.status, `${body} ${JSON.stringify(headers)}`).toBe(status);
      expect(JSON.parse(r.text)).toEqual({ errors: [{ message: "Bad request" }] });
      expectNoLeak(r.text);
      // The security headers are on error answers too.
      expect(r.headers["x-content-type-options"]).toBe("nosniff");
    }
  });

  it("answers an empty body and a body of another type as Apollo does: the query is missing", async () => {
    const empty = await send("", { "content-type": "application/json", "content-length": 0 });
    expect(empty.status).toBe(400);
    const form = await send("query=%7B__typename%7D", { "content-type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(400);
    expectNoLeak(form.text);
  });

  it("survives clients that disconnect in the middle of a body, and keeps serving", async () => {
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((resolve) => {
        const req = request(new URL("/graphql", t.app.url), {
          method: "POST",
          headers: { authorization: bearer, "content-type": "application/json", "content-length": 500 },
        });
        req.on("error", () => resolve());
        req.on("close", () => resolve());
        req.write(VIEWER.slice(0, 20));
        setTimeout(() => req.destroy(), 20);
      });
    }
    const after = await send(VIEWER, { "content-type": "application/json" });
    expect(after.status).toBe(200);
    expect(partnerName(after.text).viewer.partner.name).toBeTruthy();
  });
});

describe("POST /graphql outside the router", () => {
  it("carries the security headers and Vary, on /graphql and /graphql?query-string", async () => {
    for (const path of ["/graphql", "/graphql?x=1"]) {
      const r = await send(VIEWER, { "content-type": "application/json" }, path);
      expect(r.status, path).toBe(200);
      expect(r.headers["x-content-type-options"]).toBe("nosniff");
      expect(r.headers["content-security-policy"]).toBeTruthy();
      expect(r.headers["vary"]).toMatch(/Accept-Encoding/);
      expect(r.headers["x-powered-by"]).toBeUndefined();
    }
  });

  it("leaves other paths and methods to Express: a longer path is not /graphql, GET still works", async () => {
    const longer = await send(VIEWER, { "content-type": "application/json" }, "/graphqlx");
    expect(longer.status).toBe(404);
    const get = await send("", { "apollo-require-preflight": "true" }, "/graphql?query=%7B__typename%7D", "GET");
    expect(get.status).toBe(200);
    expect(JSON.parse(get.text).data).toEqual({ __typename: "Query" });
    expect(get.headers["x-content-type-options"]).toBe("nosniff");
  });
});
