import { formatInstant, type Instant } from "../../common/instants";
import { HOUR_MS, SEAT_REDUCTION_WINDOW_HOURS } from "../../domain/policy";
import type { Tranche } from "../eligibility/facts";
import type { SeatTranche } from "./subscription-lifecycle.types";

// How seat counts move between tranches, written as Partner Center does: every addition of seats is a batch with
// its own 168-hour reduction window ("whether it was at the initial purchase, on renewal, or at midterm",
// https://learn.microsoft.com/partner-center/customers/create-a-new-subscription). Pure: no clock, no database.

const WINDOW_MS = SEAT_REDUCTION_WINDOW_HOURS * HOUR_MS;

/** The stored (JSON) form of tranches, oldest first. */
export const storedTranches = (tranches: readonly Tranche[]): SeatTranche[] =>
  [...tranches]
    .sort((a, b) => a.purchasedAt - b.purchasedAt)
    .map((t) => ({ quantity: t.quantity, purchasedAt: formatInstant(t.purchasedAt) }));

/** Adds `count` seats bought at `at`: a tranche of their own (merged with one bought at the same second). */
export function addSeats(
  tranches: readonly Tranche[],
  count: number,
  at: Instant,
): { tranches: Tranche[]; added: Tranche } {
  const same = tranches.find((t) => t.purchasedAt === at);
  const rest = tranches.filter((t) => t !== same);
  const merged = { quantity: (same?.quantity ?? 0) + count, purchasedAt: at };
  return { tranches: [...rest, merged], added: { quantity: count, purchasedAt: at } };
}

/**
 * Removes `count` seats as of `at`, from the tranche with the newest open window first (the seats added last are the
 * ones a partner takes back: the README explains the choice). With `windows` false (legacy commerce, no windows) any
 * tranche gives seats, newest first. A tranche left empty is dropped. Throws when the windows hold too few seats:
 * the engine (R44) refuses such a request before this runs.
 */
export function removeSeats(
  tranches: readonly Tranche[],
  count: number,
  at: Instant,
  windows: boolean,
): { tranches: Tranche[]; removed: Tranche[] } {
  const open = (t: Tranche) => !windows || (t.purchasedAt <= at && at <= t.purchasedAt + WINDOW_MS);
  const newestFirst = [...tranches].sort((a, b) => b.purchasedAt - a.purchasedAt);
  const left = new Map(newestFirst.map((t) => [t, t.quantity]));
  const removed: Tranche[] = [];
  let toRemove = count;
  for (const t of newestFirst) {
    if (toRemove === 0) break;
    if (!open(t)) continue;
    const taken = Math.min(t.quantity, toRemove);
    left.set(t, t.quantity - taken);
    removed.push({ quantity: taken, purchasedAt: t.purchasedAt });
    toRemove -= taken;
  }
  if (toRemove > 0) throw new Error(`only ${count - toRemove} of ${count} seats are in an open reduction window`);
  const kept = tranches
    .map((t) => ({ quantity: left.get(t) ?? t.quantity, purchasedAt: t.purchasedAt }))
    .filter((t) => t.quantity > 0);
  return { tranches: kept, removed };
}
