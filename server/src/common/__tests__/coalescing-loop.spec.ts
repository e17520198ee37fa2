import { describe, expect, it } from "vitest";
import { CoalescingLoop } from "../coalescing-loop";

/** A pass that waits until released, counting its runs. */
function gated() {
  let runs = 0;
  let release: () => void = () => undefined;
  const pass = async () => {
    runs++;
    await new Promise<void>((r) => (release = r));
  };
  return { pass, runs: () => runs, release: () => release() };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("CoalescingLoop", () => {
  it("runs one pass at a time; wake-ups during a pass coalesce into one more pass", async () => {
    const g = gated();
    const loop = new CoalescingLoop("test", g.pass);
    loop.wake();
    loop.wake();
    loop.wake();
    await tick();
    expect(g.runs()).toBe(1);
    g.release();
    await tick();
    expect(g.runs()).toBe(2); // the three wake-ups above: one more pass, not three
    g.release();
    await tick();
    const idle = loop.drainNow(); // a wake-up of its own: one more pass, resolved when it ends
    await tick();
    expect(g.runs()).toBe(3);
    g.release();
    await idle;
    expect(g.runs()).toBe(3);
  });

  it("drainNow resolves when idle; a failing pass is logged and the loop goes on", async () => {
    let runs = 0;
    const loop = new CoalescingLoop("test", async () => {
      runs++;
      if (runs === 1) throw new Error("boom");
    });
    await loop.drainNow();
    await loop.drainNow();
    expect(runs).toBe(2);
  });

  it("stop waits for the pass in progress, ends a batch loop through stopped(), and ignores later wake-ups", async () => {
    let batches = 0;
    const loop = new CoalescingLoop("test", async (stopped) => {
      while (!stopped()) {
        batches++;
        await tick();
      }
    });
    loop.wake();
    await tick();
    await loop.stop();
    const seen = batches;
    expect(seen).toBeGreaterThan(0);
    loop.wake();
    await loop.drainNow();
    expect(batches).toBe(seen);
    expect(loop.isStopped).toBe(true);
  });
});
