import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  isObjectType,
  isScalarType,
  GraphQLError,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from "graphql";
import { DATE_RANGE, DEFAULT_TEXT_LIMIT, MAX_ID_LENGTH, TEXT_INPUT_LIMITS, type TextLimit } from "./input-limits";
import { UserError, UserErrorCode } from "./user-error";
import { userMessage, type MessageParams, type UserMessageKey } from "./user-messages";
import type { Locale } from "./locale";

// Every argument of every field passes here before its resolver: strings within their documented length and free
// of control characters, unpaired surrogates and bidirectional overrides; ids not empty; dates in DATE_RANGE.
// A refusal changes nothing (no resolver ran): a mutation answers it as user errors in its payload, any other
// field as BAD_USER_INPUT naming the field. Only fields with arguments are wrapped, with a synchronous check, so
// the fields of result rows cost nothing extra.

/** C0 and C1 controls and DEL (Unicode category Cc). */
const CONTROL = /\p{Cc}/u;
/** Cc except tab, LF and CR: what a multiline field refuses. */
const CONTROL_EXCEPT_LINE_BREAKS = /(?![\t\n\r])\p{Cc}/u;
/** Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder what is shown. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one (not valid UTF-8). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface InputProblem {
  /** Path from the argument, e.g. ["input", "offerId"]. */
  path: string[];
  key: UserMessageKey;
  params?: Record<string, string | number>;
}

function codePoints(value: string, atMost: number): number {
  // UTF-16 length bounds the count from above (and from below, halved): count only when it matters.
  if (value.length <= atMost) return value.length;
  if (value.length > atMost * 2) return value.length;
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** Why a text value is refused, or null. */
export function textProblem(value: string, limit: TextLimit): Omit<InputProblem, "path"> | null {
  if (codePoints(value, limit.max) > limit.max) return { key: "TEXT_TOO_LONG", params: { max: limit.max } };
  const control = limit.multiline ? CONTROL_EXCEPT_LINE_BREAKS : CONTROL;
  if (control.test(value) || BIDI_CONTROL.test(value) || LONE_SURROGATE.test(value)) return { key: "TEXT_CHARACTERS" };
  return null;
}

function idProblem(value: string): Omit<InputProblem, "path"> | null {
  if (value === "" || value.length > MAX_ID_LENGTH || CONTROL.test(value) || LONE_SURROGATE.test(value)) {
    return { key: "ID_INVALID" };
  }
  return null;
}

function dateProblem(value: unknown): Omit<InputProblem, "path"> | null {
  let day: string | null = null;
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value)) day = value.slice(0, 10);
  else if (value instanceof Date) day = Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if (day === null) return null;
  return day >= DATE_RANGE.from && day <= DATE_RANGE.to ? null : { key: "DATE_RANGE", params: { ...DATE_RANGE } };
}

function limitFor(key: string, argName: string | null): TextLimit {
  return TEXT_INPUT_LIMITS[key] ?? (argName ? TEXT_INPUT_LIMITS[`*(${argName})`] : undefined) ?? DEFAULT_TEXT_LIMIT;
}

function isDateScalar(name: string): boolean {
  return name === "LocalDate" || name === "DateTimeISO" || name === "DateTime" || name === "Date";
}

function check(
  type: GraphQLInputType,
  value: unknown,
  path: string[],
  coordinate: string,
  argName: string | null,
  problems: InputProblem[],
): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (Array.isArray(value))
      for (const item of value) check(nullable.ofType, item, path, coordinate, argName, problems);
    return;
  }
  if (isInputObjectType(nullable)) {
    const object = value as Record<string, unknown>;
    for (const field of Object.values(nullable.getFields())) {
      const at = [...path, field.name];
      check(field.type, object[field.name], at, `${nullable.name}.${field.name}`, null, problems);
    }
    return;
  }
  if (!isScalarType(nullable)) return;
  let problem: Omit<InputProblem, "path"> | null = null;
  if (nullable.name === "ID" && typeof value === "string") problem = idProblem(value);
  else if (nullable.name === "String" && typeof value === "string")
    problem = textProblem(value, limitFor(coordinate, argName));
  else if (isDateScalar(nullable.name)) problem = dateProblem(value);
  if (problem) problems.push({ path, ...problem });
}

/** The problems of a field's arguments (coerced values, as graphql-js passes them to the resolver). */
export function inputProblems(
  parentType: string,
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const arg of field.args as readonly GraphQLArgument[]) {
    check(arg.type, args[arg.name], [arg.name], `${parentType}.${field.name}(${arg.name})`, arg.name, problems);
  }
  return problems;
}

function message(locale: Locale, problem: InputProblem): string {
  const params = (problem.params ? [problem.params] : []) as MessageParams<UserMessageKey>;
  return userMessage(locale, problem.key, ...params);
}

function returnsPayload(type: GraphQLOutputType): boolean {
  const named = getNamedType(type);
  return isObjectType(named) && "userErrors" in named.getFields();
}

export interface GuardOptions {
  /** Runs first, so that a caller who may not call the field learns nothing from its inputs (throws to refuse). */
  authorize(coordinate: string, context: unknown): void;
}

/** Wraps the resolver of every field that takes arguments with the input checks. Mutates and returns `schema`. */
export function guardInputs(schema: GraphQLSchema, options: GuardOptions): GraphQLSchema {
  const mutationType = schema.getMutationType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const coordinate = `${type.name}.${field.name}`;
      const payload = type === mutationType && returnsPayload(field.type);
      field.resolve = (source, args, context: { locale?: Locale }, info) => {
        const problems = inputProblems(type.name, field, args);
        if (problems.length === 0) return resolve(source, args, context, info);
        options.authorize(coordinate, context);
        const locale = context.locale ?? "en";
        if (payload) {
          const userErrors = problems.map((p) =>
            Object.assign(new UserError(), {
              field: p.path,
              code: UserErrorCode.INVALID_INPUT,
              message: message(locale, p),
              ruleId: null,
            }),
          );
          return { userErrors };
        }
        const first = problems[0]!;
        const name = first.path.join(".");
        throw new GraphQLError(`${name}: ${message(locale, first)}`, {
          extensions: { code: "BAD_USER_INPUT", field: name },
        });
      };
    }
  }
  return schema;
}
