import { getMetadataStorage, validateOrReject, type ValidationError, type ValidatorOptions } from "class-validator";
import { ArgumentValidationError } from "type-graphql";

// type-graphql's own argument validation, minus the cost for classes that have no rule (issue 10): it awaited a
// dynamic import of class-validator and ran its whole validator on every object argument of every resolver call,
// though only a few input classes carry class-validator decorators (MaxLength, ArrayMaxSize). A class without any
// rule can produce no error under these options (unknown values allowed), so it is skipped; every other value is
// validated exactly as type-graphql does (same options, same ArgumentValidationError).

/** type-graphql's defaults for `validate: { forbidUnknownValues: false }` (resolvers/validate-arg.js). */
export const ARG_VALIDATOR_OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: true };

const hasRules = new WeakMap<object, boolean>();

/** Whether class-validator has any rule for objects of this class (its own or inherited), as its validator asks. */
export function classHasRules(constructor: object): boolean {
  let known = hasRules.get(constructor);
  if (known === undefined) {
    const rules = getMetadataStorage().getTargetValidationMetadatas(
      constructor as new () => unknown,
      "",
      false,
      false,
      undefined,
    );
    known = rules.length > 0;
    hasRules.set(constructor, known);
  }
  return known;
}

const needsValidation = (value: unknown): value is object =>
  value !== null && typeof value === "object" && classHasRules(value.constructor);

/** The `validateFn` of buildSchema: validates an argument (or each object of a list argument) that has rules. */
export async function validateArgument(value: unknown): Promise<void> {
  const targets = Array.isArray(value) ? value.filter(needsValidation) : needsValidation(value) ? [value] : [];
  if (targets.length === 0) return;
  try {
    await Promise.all(targets.map((target) => validateOrReject(target, ARG_VALIDATOR_OPTIONS)));
  } catch (err) {
    throw new ArgumentValidationError(err as ValidationError[]);
  }
}
