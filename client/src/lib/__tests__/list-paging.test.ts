import { describe, expect, it } from "vitest";
import { formatSort, nextSort, pagePosition, pageVariables, parseSort } from "../list-paging";

const none = { after: "", before: "", last: "", page: "", size: null };

describe("list paging in the URL", () => {
  it("turns the URL's cursor into connection arguments (forward, backward, last page)", () => {
    expect(pageVariables(none)).toEqual({ first: 20, after: null, last: null, before: null });
    expect(pageVariables({ ...none, after: "A", size: "50" })).toEqual({
      first: 50,
      after: "A",
      last: null,
      before: null,
    });
    expect(pageVariables({ ...none, before: "B" })).toEqual({ first: null, after: null, last: 20, before: "B" });
    expect(pageVariables({ ...none, last: "7" })).toEqual({ first: null, after: null, last: 7, before: null });
  });

  it("counts page N of M, the last page holding the remainder", () => {
    expect(pagePosition(none, 1447)).toEqual({ page: 1, pages: 73, size: 20, lastPageSize: 7 });
    expect(pagePosition({ ...none, last: "7", page: "2" }, 1447).page).toBe(73);
    expect(pagePosition({ ...none, page: "5", size: "100" }, 1447)).toMatchObject({
      page: 5,
      pages: 15,
      lastPageSize: 47,
    });
    expect(pagePosition({ ...none, page: "999" }, 40)).toMatchObject({ page: 2, pages: 2, lastPageSize: 20 });
    expect(pagePosition(none, 0)).toMatchObject({ page: 1, pages: 1 });
  });

  it("reads only whitelisted sort keys and cycles a column ascending, descending, default", () => {
    const fields = ["NAME", "COUNTRY"] as const;
    expect(parseSort("NAME:DESC", fields)).toEqual({ field: "NAME", direction: "DESC" });
    expect(parseSort("NAME", fields)).toEqual({ field: "NAME", direction: "ASC" });
    expect(parseSort("id;DROP:ASC", fields)).toBeNull();
    const asc = nextSort(null, "NAME");
    expect(asc).toEqual({ field: "NAME", direction: "ASC" });
    const desc = nextSort(asc, "NAME");
    expect(desc).toEqual({ field: "NAME", direction: "DESC" });
    expect(nextSort(desc, "NAME")).toBeNull();
    expect(nextSort(desc, "COUNTRY")).toEqual({ field: "COUNTRY", direction: "ASC" });
    expect(formatSort(desc)).toBe("NAME:DESC");
    expect(formatSort(null)).toBe("");
  });
});
