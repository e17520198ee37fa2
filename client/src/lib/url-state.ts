import { useCallback } from "react";
import { useSearchParams } from "react-router";

/**
 * A piece of screen state kept in the URL (filters, sort, page cursor, open step), so a view can be linked
 * and survives a reload. Setting a value to "" or null removes it; changing a filter drops the page cursor.
 */
export function useUrlState<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ""])) as Record<K, string>;
  const set = useCallback(
    (changes: Partial<Record<K, string | null>>, opts: { keepCursor?: boolean } = {}) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes) as [K, string | null][]) {
            if (v === null || v === "") next.delete(k);
            else next.set(k, v);
          }
          if (!opts.keepCursor && !("after" in changes)) next.delete("after");
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );
  return [values, set] as const;
}
