import { request } from "node:http";
import { gunzipSync, brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./harness";
import { pagingWorld } from "./fixtures";

// /graphql compresses an answer of 1 KB or more for a client that accepts it, and sends small ones as they are
// (http/graphql-edge.ts applies `compression` per answer).
let t: TestServer;
let token: string;
beforeAll(async () => {
  const world = pagingWorld();
  t = await startTestServer(world);
  token = await t.tokenFor(world.partners[0]!.key);
});
afterAll(() => t.close());

function post(query: string, acceptEncoding?: string) {
  const body = JSON.stringify({ query });
  return new Promise<{ status: number; headers: Record<string, unknown>; raw: Buffer }>((resolve, reject) => {
    const req = request(
      t.app.url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${token}`,
          ...(acceptEncoding ? { "accept-encoding": acceptEncoding } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, raw: Buffer.concat(chunks) }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const LARGE = "{ customers(first: 50) { totalCount nodes { id name domain country } } }";

describe("answer compression", () => {
  it("gzips a large answer for a client that accepts gzip, and the JSON is the same", async () => {
    const plain = await post(LARGE);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.raw.length).toBeGreaterThan(1024);
    const zipped = await post(LARGE, "gzip");
    expect(zipped.status).toBe(200);
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers["vary"]).toMatch(/accept-encoding/i);
    expect(zipped.raw.length).toBeLessThan(plain.raw.length / 2);
    const a = JSON.parse(gunzipSync(zipped.raw).toString("utf8")) as { data: unknown };
    const b = JSON.parse(plain.raw.toString("utf8")) as { data: unknown };
    expect(a.data).toEqual(b.data);
  });

  it("prefers brotli when offered", async () => {
    const res = await post(LARGE, "gzip, deflate, br");
    expect(res.headers["content-encoding"]).toBe("br");
    expect(JSON.parse(brotliDecompressSync(res.raw).toString("utf8"))).toHaveProperty("data.customers.totalCount");
  });

  it("sends a small answer as it is, marked as depending on Accept-Encoding", async () => {
    const res = await post("{ __typename }", "gzip, br");
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.headers["vary"]).toMatch(/accept-encoding/i);
    expect(JSON.parse(res.raw.toString("utf8"))).toMatchObject({ data: { __typename: "Query" } });
  });

  it("sends identity when the client refuses every encoding", async () => {
    const res = await post(LARGE, "identity");
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(res.raw.toString("utf8"))).toHaveProperty("data.customers.totalCount");
  });
});
