import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { afterFirstContent, countedFetch, NOTHING_ASKED_MS, QUIET_MS, requestsInFlight } from "../first-content";

// The preload of other screens (App.tsx) waits for the first screen: every counted request answered, QUIET_MS
// without a new one, then the browser idle.

describe("afterFirstContent", () => {
  let answers: (() => void)[];
  let hour = 0;

  beforeEach(() => {
    vi.useFakeTimers();
    // The module remembers when its last request came back: each test starts an hour after the one before.
    vi.setSystemTime(Date.UTC(2026, 11, 2) + ++hour * 3_600_000);
    answers = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(() => new Promise<Response>((resolve) => answers.push(() => resolve(new Response("{}"))))),
    );
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  /** Lets the answered fetch's promise chain (countedFetch's finally) run. */
  const settle = () => vi.advanceTimersByTimeAsync(0);

  it("does not run while the first screen's requests are out, nor between two waves of them", async () => {
    const work = vi.fn();
    const first = countedFetch("/graphql");
    const cancel = afterFirstContent(work);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(work).not.toHaveBeenCalled();

    answers.shift()!();
    await first;
    await settle();
    expect(requestsInFlight()).toBe(0);
    // A second wave starts before QUIET_MS (the screen asked for more after rendering the first answer).
    await vi.advanceTimersByTimeAsync(QUIET_MS - 50);
    const second = countedFetch("/graphql");
    await vi.advanceTimersByTimeAsync(QUIET_MS * 3);
    expect(work).not.toHaveBeenCalled();

    answers.shift()!();
    await second;
    await settle();
    await vi.advanceTimersByTimeAsync(QUIET_MS - 10);
    expect(work).not.toHaveBeenCalled();
    // Then idle (here, without requestIdleCallback: the next turn).
    await vi.advanceTimersByTimeAsync(20);
    expect(work).toHaveBeenCalledTimes(1);
    cancel();
  });

  it("runs once only, and not at all when cancelled first", async () => {
    const work = vi.fn();
    afterFirstContent(work);
    await vi.advanceTimersByTimeAsync(NOTHING_ASKED_MS + 10);
    expect(work).toHaveBeenCalledTimes(1);
    const p = countedFetch("/graphql");
    answers.shift()!();
    await p;
    await vi.advanceTimersByTimeAsync(NOTHING_ASKED_MS * 2);
    expect(work).toHaveBeenCalledTimes(1);

    const other = vi.fn();
    const cancel = afterFirstContent(other);
    cancel();
    await vi.advanceTimersByTimeAsync(NOTHING_ASKED_MS * 2);
    expect(other).not.toHaveBeenCalled();
  });

  it("waits NOTHING_ASKED_MS when no request is made at all", async () => {
    const work = vi.fn();
    afterFirstContent(work);
    await vi.advanceTimersByTimeAsync(NOTHING_ASKED_MS - 100);
    expect(work).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(work).toHaveBeenCalledTimes(1);
  });
});
