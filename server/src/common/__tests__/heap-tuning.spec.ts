import { describe, expect, it } from "vitest";
import { heapTuningFlags } from "../heap-tuning";

describe("HEAP_GROWING_PERCENT", () => {
  it("maps a percentage to V8's --heap-growing-percent", () => {
    expect(heapTuningFlags(50)).toEqual(["--heap-growing-percent=50"]);
  });

  it("0 leaves V8's own heuristics alone", () => {
    expect(heapTuningFlags(0)).toEqual([]);
  });
});
