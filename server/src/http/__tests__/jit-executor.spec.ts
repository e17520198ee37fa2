import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApolloServer } from "@apollo/server";
import { buildSchema, GraphQLError, parse, type GraphQLSchema } from "graphql";
import { makeFormatError } from "../../common/errors";
import { CompiledQueryCache, executeWithJit, jitGateway } from "../jit-executor";

// The same documents through Apollo with graphql-js and with the graphql-jit gateway executor must answer alike:
// data, error messages, codes, paths, locations and HTTP status (the internal error's reference id aside).

const SDL = `
  enum Direction { ASC DESC }
  input Order { field: String! direction: Direction! = ASC }
  input Filter { status: String! = "ACTIVE" includeHidden: Boolean! = false order: Order }
  type Item { name: String! hidden: Boolean! broken: String! missing: Int! }
  type Query {
    items(filter: Filter, first: Int! = 2): [Item!]!
    echo(filter: Filter!): String!
    failInternal: String
    failForbidden: String
    item: Item
  }
  type Mutation { rename(name: String!): String! }
`;

function makeSchema(): GraphQLSchema {
  const schema = buildSchema(SDL);
  const items = [
    { name: "a", hidden: false },
    { name: "b", hidden: true },
    { name: "c", hidden: false },
  ];
  const query = schema.getQueryType()!.getFields();
  query.items!.resolve = (_s, args: { filter?: { includeHidden: boolean }; first: number }) =>
    items.filter((i) => args.filter?.includeHidden || !i.hidden).slice(0, args.first);
  query.echo!.resolve = (_s, args: { filter: unknown }) => JSON.stringify(args.filter);
  query.failInternal!.resolve = () => {
    throw new Error("SQLITE_ERROR: no such column secret");
  };
  query.failForbidden!.resolve = () => {
    throw new GraphQLError("Not allowed", { extensions: { code: "FORBIDDEN" } });
  };
  query.item!.resolve = () => ({ name: "x", hidden: false, missing: null });
  const item = (schema.getType("Item") as import("graphql").GraphQLObjectType).getFields();
  item.broken!.resolve = async () => {
    throw new Error("boom");
  };
  schema.getMutationType()!.getFields().rename!.resolve = (_s, args: { name: string }) => args.name.toUpperCase();
  return schema;
}

const servers: Record<"graphql-js" | "jit", ApolloServer> = {} as never;
let jitCache: CompiledQueryCache;

beforeAll(async () => {
  const schema = makeSchema();
  const common = { formatError: makeFormatError(false), includeStacktraceInErrorResponses: false };
  servers["graphql-js"] = new ApolloServer({ schema, ...common });
  // Compiled on first use: every comparison below runs the compiled query.
  jitCache = new CompiledQueryCache(schema, undefined, 1);
  servers.jit = new ApolloServer({ gateway: jitGateway(schema, jitCache), ...common });
  await Promise.all(Object.values(servers).map((s) => s.start()));
});

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.stop()));
});

async function run(server: ApolloServer, query: string, variables?: Record<string, unknown>) {
  const res = await server.executeOperation({ query, variables });
  if (res.body.kind !== "single") throw new Error("expected a single result");
  // The reference id of a masked internal error is random.
  const text = JSON.stringify(res.body.singleResult).replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "<id>");
  return { status: res.http.status ?? 200, body: JSON.parse(text) as Record<string, unknown> };
}

async function both(query: string, variables?: Record<string, unknown>) {
  const js = await run(servers["graphql-js"], query, variables);
  const jit = await run(servers.jit, query, variables);
  expect(jit).toEqual(js);
  return jit;
}

describe("graphql-jit answers as graphql-js", () => {
  it("applies the defaults of omitted non-null input fields and variables", async () => {
    const res = await both(`query ($f: Filter!, $n: Int! = 1) { echo(filter: $f) items(first: $n) { name } }`, {
      f: { order: { field: "name" } },
    });
    expect(res.body).toEqual({
      data: {
        echo: JSON.stringify({ status: "ACTIVE", includeHidden: false, order: { field: "name", direction: "ASC" } }),
        items: [{ name: "a" }],
      },
    });
    await both(`query ($f: Filter) { items(filter: $f) { name } }`, { f: { includeHidden: true } });
  });

  it("refuses a badly typed or missing variable as BAD_USER_INPUT naming it, with status 400", async () => {
    const wrong = await both(`query ($f: Filter!) { echo(filter: $f) }`, { f: { includeHidden: "yes" } });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain("BAD_USER_INPUT");
    expect(JSON.stringify(wrong.body)).toContain("includeHidden");
    await both(`query ($f: Filter!) { echo(filter: $f) }`, {});
    await both(`query ($f: Filter!) { echo(filter: $f) }`, { f: { order: { direction: "SIDEWAYS", field: "x" } } });
    await both(`query ($n: Int!) { items(first: $n) { name } }`, { n: 2 ** 40 });
  });

  it("masks an internal error behind a reference, and keeps a client error's code and path", async () => {
    const internal = await both(`{ failInternal }`);
    expect(JSON.stringify(internal.body)).toContain("Internal server error (reference <id>)");
    expect(JSON.stringify(internal.body)).not.toContain("SQLITE");
    const forbidden = await both(`{ a: failForbidden failInternal }`);
    expect(JSON.stringify(forbidden.body)).toContain('"code":"FORBIDDEN"');
    // A null in a non-null field nulls its parent, and the error keeps its path.
    await both(`{ item { name missing } }`);
    await both(`{ items { name broken } }`);
  });

  it("follows @skip and @include on fields, fragment spreads and inline fragments", async () => {
    const query = `query ($yes: Boolean!, $no: Boolean!) {
      items(filter: { includeHidden: true }) {
        ...names @include(if: $yes)
        ... on Item @skip(if: $yes) { hidden }
        hidden @include(if: $no)
        ...names @skip(if: $no)
      }
    }
    fragment names on Item { name }`;
    for (const [yes, no] of [
      [true, false],
      [false, true],
      [true, true],
      [false, false],
    ]) {
      await both(query, { yes, no });
    }
  });

  it("runs mutations and picks the named operation", async () => {
    const query = `query Q { items { name } } mutation M($n: String!) { rename(name: $n) }`;
    const [js, jit] = await Promise.all(
      [servers["graphql-js"], servers.jit].map((s) =>
        s.executeOperation({ query, operationName: "M", variables: { n: "x" } }),
      ),
    );
    expect(jit!.body).toEqual(js!.body);
    expect(jit!.body).toEqual({ kind: "single", singleResult: { data: { rename: "X" } } });
  });
});

describe("persisted documents", () => {
  it("answers a document sent by its hash alone as when it was sent whole, compiled once", async () => {
    const query = `query Persisted($n: Int!) { items(first: $n) { name } }`;
    const sha256Hash = createHash("sha256").update(query).digest("hex");
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const before = jitCache.compilations;
    for (const server of [servers["graphql-js"], servers.jit]) {
      const whole = await server.executeOperation({ query, variables: { n: 1 }, extensions });
      const byHash = await server.executeOperation({ variables: { n: 3 }, extensions });
      expect(whole.body).toEqual({ kind: "single", singleResult: { data: { items: [{ name: "a" }] } } });
      expect(byHash.body).toEqual({
        kind: "single",
        singleResult: { data: { items: [{ name: "a" }, { name: "c" }] } },
      });
    }
    expect(jitCache.compilations - before).toBe(1);
  });
});

describe("CompiledQueryCache", () => {
  it("keeps at most its capacity, dropping the least recently used, and compiles a kept document once", async () => {
    const schema = makeSchema();
    const cache = new CompiledQueryCache(schema, 2, 1);
    const docs = ["{ items { name } }", "{ failForbidden }", "{ item { name } }"].map((q) => parse(q));
    const runDoc = (i: number) =>
      executeWithJit(cache, {
        schema,
        document: docs[i]!,
        operation: docs[i]!.definitions[0] as import("graphql").OperationDefinitionNode,
        queryHash: `h${i}`,
        operationName: undefined,
        variables: undefined,
        contextValue: {},
      });
    await runDoc(0);
    await runDoc(1);
    await runDoc(0); // a hit: document 0 is now the most recently used
    expect(cache.compilations).toBe(2);
    await runDoc(2); // evicts document 1
    expect(cache.size).toBe(2);
    await runDoc(0);
    expect(cache.compilations).toBe(3);
    await runDoc(1);
    expect(cache.compilations).toBe(4);
    expect(cache.fallbacks).toBe(0);
  });

  it("compiles a document on its second use by default: a one-off document never pays a compilation", async () => {
    const schema = makeSchema();
    const cache = new CompiledQueryCache(schema);
    const doc = parse("{ items { name } }");
    const run = (hash: string) =>
      executeWithJit(cache, {
        schema,
        document: doc,
        operation: doc.definitions[0] as import("graphql").OperationDefinitionNode,
        queryHash: hash,
        operationName: undefined,
        variables: undefined,
        contextValue: {},
      });
    const first = await run("once");
    expect(cache.compilations).toBe(0);
    expect(await run("once")).toEqual(first);
    expect(cache.compilations).toBe(1);
    await run("once");
    expect(cache.compilations).toBe(1);
    for (let i = 0; i < 20; i++) await run(`unique-${i}`);
    expect(cache.compilations).toBe(1);
  });

  it("leaves to graphql-js a document that spreads a fragment twice under @skip/@include", async () => {
    const schema = makeSchema();
    const cache = new CompiledQueryCache(schema, undefined, 1);
    const repeated = parse(`query ($a: Boolean!) { items { ...n @include(if: $a) ...n } } fragment n on Item { name }`);
    expect(cache.get("r", repeated, undefined)).toBeNull();
    expect(cache.fallbacks).toBe(1);
    const once = parse(`query ($a: Boolean!) { items { ...n @include(if: $a) } } fragment n on Item { name }`);
    expect(cache.get("o", once, undefined)).not.toBeNull();
  });
});
