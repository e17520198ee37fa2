import { describe, expect, it } from "vitest";
import { changedParams, flag, formatParams, idList, listOf, oneOf, parseParams, text } from "../url-params";

const schema = {
  status: listOf(["ACCEPTED", "EXPIRED", "PENDING"] as const),
  direction: oneOf(["INCOMING", "OUTGOING"] as const),
  ids: idList,
  issues: flag,
  after: text,
};

describe("URL params", () => {
  it("reads typed values, dropping unknown ones, with the empty value for what is absent", () => {
    const values = parseParams(schema, new URLSearchParams("status=PENDING,BOGUS,EXPIRED&direction=SIDEWAYS&ids=a,,b"));
    expect(values).toEqual({
      status: ["EXPIRED", "PENDING"],
      direction: null,
      ids: ["a", "b"],
      issues: false,
      after: "",
    });
  });

  it("writes the parameters in the order given, lists in their canonical order, and leaves out empty ones", () => {
    expect(formatParams(schema, { direction: "INCOMING", status: ["PENDING", "ACCEPTED"], issues: false })).toBe(
      "?direction=INCOMING&status=ACCEPTED%2CPENDING",
    );
    expect(formatParams(schema, { issues: true, ids: [] })).toBe("?issues=1");
    expect(formatParams(schema, { status: [], after: null })).toBe("");
  });

  it("tells which parameters differ from an empty URL", () => {
    const values = parseParams(schema, new URLSearchParams("issues=1&after=c2"));
    expect(changedParams(schema, values, ["status", "direction", "issues"])).toEqual(["issues"]);
  });
});
