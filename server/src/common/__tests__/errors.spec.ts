import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "../errors";

describe("isDatabaseUnavailable", () => {
  it.each([
    [Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }), true],
    [Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }), true],
    [{ name: "QueryFailedError", message: "x", driverError: { code: "57P03", message: "starting up" } }, true],
    [new Error("Connection terminated unexpectedly"), true],
    [Object.assign(new Error("Query runner already released. Cannot run queries anymore."), {}), true],
    // TypeORM's QueryRunnerProviderAlreadyReleasedError: the connection went away mid-transaction (seen in CI's
    // PostgreSQL restart under load, from the outbox write before commit).
    [
      Object.assign(
        new Error(
          "Database connection provided by a query runner was already released, cannot continue to use its querying methods anymore.",
        ),
        { name: "QueryRunnerProviderAlreadyReleasedError" },
      ),
      true,
    ],
    [Object.assign(new Error('duplicate key value violates unique constraint "x"'), { code: "23505" }), false],
    [new Error("invalid input syntax for type uuid"), false],
    [null, false],
  ])("%s → %s", (error, expected) => {
    expect(isDatabaseUnavailable(error)).toBe(expected);
  });
});
