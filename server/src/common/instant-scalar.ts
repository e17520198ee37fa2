import { GraphQLScalarType, Kind } from "graphql";
import { formatInstant, parseInstant } from "./instants";

// The GraphQL scalar for instants (rule book V2): accepts a date YYYY-MM-DD (00:00:00 UTC) or a date-time
// YYYY-MM-DDTHH:MM[:SS] with Z or ±HH:MM, and answers YYYY-MM-DDTHH:MM:SSZ. Resolvers receive the canonical UTC text.

function parse(value: unknown): string {
  const t = typeof value === "string" ? parseInstant(value) : null;
  if (t === null)
    throw new TypeError(
      "Instant must be a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM[:SS] with Z or ±HH:MM (no fractional seconds)",
    );
  return formatInstant(t);
}

export const GraphQLInstant = new GraphQLScalarType<string, string>({
  name: "Instant",
  description:
    "A UTC instant to the second, answered as YYYY-MM-DDTHH:MM:SSZ. Accepted as a date YYYY-MM-DD (00:00:00 UTC) or YYYY-MM-DDTHH:MM[:SS] followed by Z or ±HH:MM.",
  serialize(value) {
    if (value instanceof Date) return formatInstant(Math.floor(value.getTime() / 1000) * 1000);
    if (typeof value === "number") return formatInstant(value);
    return parse(value);
  },
  parseValue: parse,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new TypeError("Instant must be a string");
    return parse(ast.value);
  },
});
