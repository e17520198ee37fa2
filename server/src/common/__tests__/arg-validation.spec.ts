import "reflect-metadata";
import { MaxLength } from "class-validator";
import { ArgumentValidationError } from "type-graphql";
import { describe, expect, it } from "vitest";
import { classHasRules, validateArgument } from "../arg-validation";
import { OrderByInput } from "../connection";

const SortOrder = OrderByInput({ NAME: "NAME" }, "ArgValidationSpec");

class Named {
  @MaxLength(3)
  name!: string;
}
class Renamed extends Named {
  note?: string;
}
class Plain {
  name!: string;
}

const make = <T extends object>(c: new () => T, v: Partial<T>): T => Object.assign(new c(), v);

describe("argument validation (type-graphql validateFn)", () => {
  it("validates classes with rules, inherited ones too, as type-graphql did", async () => {
    await expect(validateArgument(make(Named, { name: "abc" }))).resolves.toBeUndefined();
    const refused = validateArgument(make(Renamed, { name: "abcd" }));
    await expect(refused).rejects.toBeInstanceOf(ArgumentValidationError);
    await expect(refused).rejects.toMatchObject({
      extensions: { code: "BAD_USER_INPUT", validationErrors: [{ property: "name" }] },
    });
    // Missing properties are skipped (skipMissingProperties), as before.
    await expect(validateArgument(new Named())).resolves.toBeUndefined();
  });

  it("validates each object of a list argument", async () => {
    await expect(validateArgument([make(Named, { name: "a" }), "x", null])).resolves.toBeUndefined();
    await expect(validateArgument([make(Named, { name: "a" }), make(Named, { name: "abcd" })])).rejects.toBeInstanceOf(
      ArgumentValidationError,
    );
  });

  it("skips scalars and classes without any rule", async () => {
    expect(classHasRules(Plain)).toBe(false);
    expect(classHasRules(Object)).toBe(false);
    expect(classHasRules(Named)).toBe(true);
    expect(classHasRules(Renamed)).toBe(true);
    expect(classHasRules(SortOrder)).toBe(false);
    await expect(validateArgument(make(Plain, { name: "a".repeat(100) }))).resolves.toBeUndefined();
    await expect(validateArgument("abcd")).resolves.toBeUndefined();
    await expect(validateArgument(null)).resolves.toBeUndefined();
    await expect(validateArgument(undefined)).resolves.toBeUndefined();
  });
});
