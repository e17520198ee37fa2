import "reflect-metadata";
import { afterEach, describe, expect, it, vi } from "vitest";
import { logger } from "../log";
import { CountingLogger } from "../sql-counter";

// A unique index refusing a concurrent duplicate is an expected outcome (answered as "already exists"), so it must
// not page anyone at error level; every other failed statement still does.
describe("CountingLogger.logQueryError", () => {
  afterEach(() => vi.restoreAllMocks());

  it("logs a unique violation (either dialect) at info, anything else at error", () => {
    const info = vi.spyOn(logger, "info").mockImplementation(() => undefined);
    const error = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const sqlLogger = new CountingLogger();
    sqlLogger.logQueryError(Object.assign(new Error("duplicate key"), { code: "23505" }), "INSERT ...");
    sqlLogger.logQueryError(Object.assign(new Error("UNIQUE failed"), { code: "SQLITE_CONSTRAINT_UNIQUE" }), "INSERT");
    expect(info).toHaveBeenCalledTimes(2);
    expect(error).not.toHaveBeenCalled();

    sqlLogger.logQueryError(Object.assign(new Error("syntax"), { code: "42601" }), "SELEC");
    sqlLogger.logQueryError("connection lost", "SELECT 1");
    expect(error).toHaveBeenCalledTimes(2);
    expect(error.mock.calls[0]![1]).toBe("SQL statement failed");
  });
});
