import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { textProblem } from "../input-guard";

describe("textProblem", () => {
  const line = { max: 5 };
  const note = { max: 20, multiline: true };
  it.each([
    ["abcde", line, null],
    ["abcdef", line, "TEXT_TOO_LONG"],
    ["😀😀😀😀😀", line, null],
    ["😀😀😀😀😀😀", line, "TEXT_TOO_LONG"],
    ["a\u0000", line, "TEXT_CHARACTERS"],
    ["a\u007F", line, "TEXT_CHARACTERS"],
    ["a\u009B", line, "TEXT_CHARACTERS"],
    ["a\tb", line, "TEXT_CHARACTERS"],
    ["a\nb", line, "TEXT_CHARACTERS"],
    ["a\r\nb\tc", note, null],
    ["a\u0000b", note, "TEXT_CHARACTERS"],
    ["\uDC00ab", line, "TEXT_CHARACTERS"],
    ["ab\uD83D", line, "TEXT_CHARACTERS"],
    ["a\u202Db", line, "TEXT_CHARACTERS"],
    ["a\u2069b", note, "TEXT_CHARACTERS"],
    ["مرحبا", line, null],
    ["a\u200Fb", line, null],
  ])("%j → %s", (value, limit, expected) => {
    expect(textProblem(value, limit)?.key ?? null).toBe(expected);
  });
});
