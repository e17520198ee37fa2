import { describe, expect, it } from "vitest";
import { addMonths, termEndDate } from "../dates";

describe("addMonths", () => {
  it("keeps the day when the target month has it", () => {
    expect(addMonths("2025-01-15", 1)).toBe("2025-02-15");
    expect(addMonths("2025-03-31", 1)).toBe("2025-04-30");
    expect(addMonths("2025-05-31", -1)).toBe("2025-04-30");
  });

  it("clamps to the last day instead of overflowing into the next month", () => {
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonths("2025-12-31", 2)).toBe("2026-02-28");
  });
});

describe("termEndDate (last day of a term that starts on a date)", () => {
  it("monthly terms bought on the 29th, 30th and 31st, non-leap year", () => {
    expect(termEndDate("2025-01-29", 1)).toBe("2025-02-27");
    expect(termEndDate("2025-01-30", 1)).toBe("2025-02-27");
    expect(termEndDate("2025-01-31", 1)).toBe("2025-02-27");
    expect(termEndDate("2025-03-31", 1)).toBe("2025-04-29");
  });

  it("monthly terms bought on the 29th, 30th and 31st, leap year", () => {
    expect(termEndDate("2024-01-29", 1)).toBe("2024-02-28");
    expect(termEndDate("2024-01-30", 1)).toBe("2024-02-28");
    expect(termEndDate("2024-01-31", 1)).toBe("2024-02-28");
  });

  it("an ordinary day ends the day before the same day next month", () => {
    expect(termEndDate("2025-06-15", 1)).toBe("2025-07-14");
    expect(termEndDate("2025-12-01", 1)).toBe("2025-12-31");
  });

  it("annual terms, including one bought on 29 February", () => {
    expect(termEndDate("2025-03-10", 12)).toBe("2026-03-09");
    expect(termEndDate("2024-02-29", 12)).toBe("2025-02-27");
    expect(termEndDate("2023-03-01", 12)).toBe("2024-02-29");
  });

  it("three-year terms", () => {
    expect(termEndDate("2025-01-31", 36)).toBe("2028-01-30");
    expect(termEndDate("2024-02-29", 36)).toBe("2027-02-27");
    expect(termEndDate("2025-11-30", 36)).toBe("2028-11-29");
  });
});
