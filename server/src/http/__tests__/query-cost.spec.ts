import { buildSchema, parse, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { computeRequestedCost, requestedCost } from "../query-cost";

const schema = buildSchema(`
  type PageInfo { hasNextPage: Boolean! }
  type Item { id: ID! owner: Owner }
  type Owner { name: String }
  type ItemConnection { nodes: [Item!]! pageInfo: PageInfo! totalCount: Int! }
  type Query { items(first: Int, filter: String): ItemConnection! owner: Owner }
`);

const operationOf = (document: ReturnType<typeof parse>, name?: string) =>
  document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === "OperationDefinition" && (!name || d.name?.value === name),
  )!;

describe("requestedCost remembered per document", () => {
  it("answers what the walk answers, for every page size a variable gives, in any order", () => {
    const document = parse(
      `query Q($first: Int, $filter: String) { items(first: $first, filter: $filter) { nodes { id owner { name } } } }`,
    );
    const operation = operationOf(document);
    const sizes = [10, 50, 10, undefined, 100, 500, 50, -3, undefined];
    for (const first of sizes) {
      const variables = first === undefined ? {} : { first, filter: String(Math.random()) };
      const walked = computeRequestedCost(schema, document, operation, variables).cost;
      expect(requestedCost(schema, document, operation, variables), `first ${first}`).toBe(walked);
    }
    // 1 for the connection, then (item + owner) per node of the page.
    expect(requestedCost(schema, document, operation, { first: 10 })).toBe(1 + 2 * 10);
    expect(requestedCost(schema, document, operation, { first: 500 })).toBe(1 + 2 * 100);
    expect(requestedCost(schema, document, operation, {})).toBe(1 + 2 * 25);
  });

  it("reads only the variables that size pages: others change nothing", () => {
    const document = parse(
      `query Q($first: Int!, $filter: String) { items(first: $first, filter: $filter) { nodes { id } } }`,
    );
    const operation = operationOf(document);
    expect(computeRequestedCost(schema, document, operation, { first: 5, filter: "a" }).reads).toEqual(["first"]);
    const literal = parse(`{ items(first: 7) { nodes { id } } owner { name } }`);
    expect(computeRequestedCost(schema, literal, operationOf(literal), {}).reads).toEqual([]);
    expect(requestedCost(schema, literal, operationOf(literal), { first: 99 })).toBe(1 + 7 + 1);
  });

  it("keeps operations of one document apart, and a different schema is walked again", () => {
    const document = parse(`query A { items(first: 3) { nodes { id } } } query B { owner { name } }`);
    expect(requestedCost(schema, document, operationOf(document, "A"), {})).toBe(4);
    expect(requestedCost(schema, document, operationOf(document, "B"), {})).toBe(1);
    const other = buildSchema(`type Owner { name: String } type Query { owner: [Owner] items(first: Int): Owner }`);
    expect(requestedCost(other, document, operationOf(document, "A"), {})).toBe(1);
    expect(requestedCost(schema, document, operationOf(document, "A"), {})).toBe(4);
  });
});
