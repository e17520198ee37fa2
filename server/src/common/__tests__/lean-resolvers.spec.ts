import "reflect-metadata";
import { execute, parse, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { compileQuery, isCompiledQuery } from "graphql-jit";
import { MaxLength } from "class-validator";
import {
  Arg,
  buildSchema,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
  Root,
} from "type-graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { validateArgument } from "../arg-validation";
import { installLeanResolvers, installPlainFields } from "../lean-resolvers";

enum Shade {
  LIGHT = "LIGHT",
  DARK = "DARK",
}
registerEnumType(Shade, { name: "LeanSpecShade" });

@ObjectType("LeanSpecItem")
class Item {
  @Field(() => ID, { name: "id" })
  itemId!: string;

  @Field()
  label!: string;

  @Field(() => Int)
  size!: number;

  /** Answered by the resolver class below, never by the property. */
  @Field()
  owner!: string;

  /** A getter: type-graphql answers it as a field resolver of its own. */
  @Field()
  get shout(): string {
    return this.label.toUpperCase();
  }
}

@InputType("LeanSpecFilter")
class Filter {
  @Field()
  @MaxLength(3)
  label!: string;
}

const made = (itemId: string, label: string, size: number) =>
  Object.assign(new Item(), { itemId, label, size, owner: "stored" });

/** Which `this`, which root and which arguments each method saw. */
const seen: { method: string; rootIsItem?: boolean; args: unknown[] }[] = [];

@Resolver(() => Item)
class ItemResolver {
  @Query(() => [Item])
  items(
    @Arg("label", () => String, { nullable: true }) label: string | null,
    @Arg("shade", () => Shade, { nullable: true }) shade: Shade | null,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Ctx() ctx: { tenant: string },
  ): Item[] {
    seen.push({ method: "items", args: [label, shade, first, ctx.tenant] });
    return [made("1", label ?? "a", first ?? 1), made("2", shade ?? "b", 2)];
  }

  @Query(() => [Item])
  filtered(@Arg("filter", () => Filter) filter: Filter): Item[] {
    seen.push({ method: "filtered", args: [filter instanceof Filter, filter.label] });
    return [made("3", filter.label, 3)];
  }

  @Query(() => [Item])
  maybeFiltered(
    @Arg("label", () => String) label: string,
    @Arg("filter", () => Filter, { nullable: true }) filter: Filter | null | undefined,
  ): Item[] {
    seen.push({ method: "maybeFiltered", args: [label, filter instanceof Filter, filter?.label ?? filter] });
    return [made("4", filter?.label ?? label, 4)];
  }

  @FieldResolver(() => String)
  owner(@Root() item: Item, @Arg("suffix", () => String, { nullable: true }) suffix: string | null): string {
    seen.push({ method: "owner", rootIsItem: item instanceof Item, args: [suffix] });
    return `owner of ${item.itemId}${suffix ?? ""}`;
  }
}

let typeGraphql: GraphQLSchema;
let lean: GraphQLSchema;
let replaced: string[];
let plain: string[];
const build = () =>
  buildSchema({
    resolvers: [ItemResolver],
    validate: { forbidUnknownValues: false },
    validateFn: validateArgument,
  });

beforeAll(async () => {
  typeGraphql = await build();
  lean = await build();
  replaced = installLeanResolvers(lean);
  plain = installPlainFields(lean);
});

const DOCUMENT = parse(`{
  items(label: "x", shade: DARK, first: 5) { id label size shout owner(suffix: "!") }
  filtered(filter: { label: "abc" }) { id label owner }
}`);

async function run(schema: GraphQLSchema, executor: "graphql-js" | "jit", document = DOCUMENT) {
  seen.length = 0;
  const contextValue = { tenant: "t1" };
  if (executor === "graphql-js") return { result: await execute({ schema, document, contextValue }), seen: [...seen] };
  const compiled = compileQuery(schema, document);
  if (!isCompiledQuery(compiled)) throw new Error(JSON.stringify(compiled));
  return { result: await compiled.query(undefined, contextValue, {}), seen: [...seen] };
}

describe("lean resolvers", () => {
  it("calls methods with scalar and enum arguments directly, and leaves input objects to type-graphql", () => {
    expect(replaced).toContain("Query.items");
    expect(replaced).toContain("LeanSpecItem.owner");
    expect(replaced).not.toContain("Query.filtered");
    expect(replaced).toContain("Query.maybeFiltered");
  });

  it("passes an absent or null optional input object through, and hands a given one to type-graphql", async () => {
    const cases = [
      `{ maybeFiltered(label: "l") { id label } }`,
      `{ maybeFiltered(label: "l", filter: null) { id label } }`,
      `{ maybeFiltered(label: "l", filter: { label: "abc" }) { id label } }`,
      `{ maybeFiltered(label: "l", filter: { label: "abcd" }) { id label } }`,
    ];
    const calls: unknown[] = [];
    for (const text of cases) {
      const document = parse(text);
      for (const executor of ["graphql-js", "jit"] as const) {
        const before = await run(typeGraphql, executor, document);
        const after = await run(lean, executor, document);
        expect(after.result).toEqual(before.result);
        expect(after.seen).toEqual(before.seen);
      }
      calls.push((await run(lean, "jit", document)).seen[0]?.args ?? null);
    }
    // Converted to its class when given; refused by its rules as before (no call at all).
    expect(calls).toEqual([["l", false, undefined], ["l", false, null], ["l", true, "abc"], null]);
  });

  it("answers what type-graphql answers, with the same arguments, context and root, under both executors", async () => {
    for (const executor of ["graphql-js", "jit"] as const) {
      const before = await run(typeGraphql, executor);
      const after = await run(lean, executor);
      expect(before.result.errors).toBeUndefined();
      expect(after.result).toEqual(before.result);
      expect(after.seen).toEqual(before.seen);
    }
    const { result, seen: calls } = await run(lean, "jit");
    expect(result.data?.["items"]).toEqual([
      { id: "1", label: "x", size: 5, shout: "X", owner: "owner of 1!" },
      { id: "2", label: "DARK", size: 2, shout: "DARK", owner: "owner of 2!" },
    ]);
    expect(calls).toContainEqual({ method: "items", args: ["x", "DARK", 5, "t1"] });
    expect(calls).toContainEqual({ method: "filtered", args: [true, "abc"] });
  });

  it("validates an input object as before: the refusal is type-graphql's", async () => {
    const document = parse(`{ filtered(filter: { label: "abcd" }) { id } }`);
    const before = await run(typeGraphql, "jit", document);
    const after = await run(lean, "jit", document);
    expect(after.result.errors?.[0]?.message).toBe("Argument Validation Error");
    expect(after.result).toEqual(before.result);
  });

  it("hands a root that is not an instance of its declared class to type-graphql, which makes one", async () => {
    const owner = lean.getType("LeanSpecItem")!.toConfig() as unknown as {
      fields: Record<string, { resolve: GraphQLFieldResolver<unknown, unknown> }>;
    };
    seen.length = 0;
    const asPlainObject = { itemId: "9", label: "p", size: 1, owner: "stored" };
    const answer = await owner.fields["owner"]!.resolve(asPlainObject, { suffix: null }, {}, {} as never);
    expect(answer).toBe("owner of 9");
    expect(seen).toEqual([{ method: "owner", rootIsItem: true, args: [null] }]);
  });
});

describe("plain fields", () => {
  it("read their property without a resolver; a renamed one reads its property; field resolvers stay", () => {
    const fields = (
      lean.getType("LeanSpecItem") as unknown as { getFields(): Record<string, { resolve?: unknown }> }
    ).getFields();
    expect(plain).toEqual(expect.arrayContaining(["LeanSpecItem.label", "LeanSpecItem.size"]));
    expect(fields["label"]!.resolve).toBeUndefined();
    // A getter is one of type-graphql's own field resolvers (it makes the root an instance first): kept.
    expect(plain).not.toContain("LeanSpecItem.shout");
    expect(typeof fields["shout"]!.resolve).toBe("function");
    expect(plain).toContain("LeanSpecItem.id");
    expect(typeof fields["id"]!.resolve).toBe("function");
    expect(plain).not.toContain("LeanSpecItem.owner");
    // Before: every field had type-graphql's resolver.
    const before = (
      typeGraphql.getType("LeanSpecItem") as unknown as { getFields(): Record<string, { resolve?: unknown }> }
    ).getFields();
    expect(typeof before["label"]!.resolve).toBe("function");
  });
});
