import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config";
import { heapTuningFlags } from "../heap-tuning";

describe("HEAP_GROWING_PERCENT", () => {
  it("defaults to 50 and maps to V8's --heap-growing-percent", () => {
    const config = loadConfig({});
    expect(config.heapGrowingPercent).toBe(50);
    expect(heapTuningFlags(config.heapGrowingPercent)).toEqual(["--heap-growing-percent=50"]);
  });

  it("0 leaves V8's own heuristics alone", () => {
    expect(heapTuningFlags(loadConfig({ HEAP_GROWING_PERCENT: "0" }).heapGrowingPercent)).toEqual([]);
  });

  it("refuses a value that is not a whole number in range, naming the setting", () => {
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: "-5" })).toThrow(
      /HEAP_GROWING_PERCENT must be a whole number 0–300/,
    );
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: "1.5" })).toThrow(/HEAP_GROWING_PERCENT/);
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: "lots" })).toThrow(/HEAP_GROWING_PERCENT/);
  });
});
