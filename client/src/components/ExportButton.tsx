import { useState } from "react";
import { authHeaders } from "../lib/auth";
import { useI18n } from "../lib/i18n";
import "./list-messages";

/** The export address of a list: its GraphQL filter as query parameters (lists comma-separated) and its sort. */
export function listExportUrl(list: string, filter: Record<string, unknown>, sort: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === null || value === undefined || value === "") continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(","));
    } else params.set(key, String(value));
  }
  if (sort) params.set("sort", sort);
  const query = params.toString();
  return `/export/${list}.csv${query ? `?${query}` : ""}`;
}

/** Counts the rows of a CSV stream as it arrives (a row ends with CRLF outside quotes; cells never hold a bare CRLF
 * that is not quoted, and quoted ones are rare, so counting every CRLF can only run ahead; capped at the total). */
function countRows(chunk: string): number {
  return chunk.split("\r\n").length - 1;
}

/**
 * Downloads the whole filtered list as CSV: streamed, with the row count against the server's total as progress,
 * then saved under the list's name. The request carries the same credentials as the app's GraphQL calls.
 */
export function ExportButton({ url, filename }: { url: string; filename: string }) {
  const { t, formatNumber } = useI18n();
  const [state, setState] = useState<
    | { kind: "idle" }
    | { kind: "running"; done: number; total: number }
    | { kind: "done"; done: number }
    | {
        kind: "failed";
        message: string;
      }
  >({ kind: "idle" });

  async function run() {
    setState({ kind: "running", done: 0, total: 0 });
    try {
      const res = await fetch(url, { credentials: "same-origin", headers: authHeaders() });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: string } | null;
        throw new Error(body?.error ?? `HTTP ${res.status}`);
      }
      const total = Number(res.headers.get("x-total-count") ?? 0);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      const parts: string[] = [];
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        lines += countRows(value);
        // The header line is not a row.
        setState({ kind: "running", done: Math.min(Math.max(lines - 1, 0), total), total });
      }
      const rows = Math.max(lines - 1, 0);
      const href = URL.createObjectURL(new Blob(parts, { type: "text/csv;charset=utf-8" }));
      const link = document.createElement("a");
      link.href = href;
      link.download = filename;
      link.click();
      URL.revokeObjectURL(href);
      setState({ kind: "done", done: rows });
    } catch (error) {
      setState({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <span className="list-export">
      <button type="button" onClick={() => void run()} disabled={state.kind === "running"}>
        {t("list.export")}
      </button>
      <span role="status" className="list-export-status">
        {state.kind === "running" && (
          <>
            <progress aria-label={t("list.export")} max={state.total || undefined} value={state.done} />{" "}
            {t("list.exporting", { done: formatNumber(state.done), total: formatNumber(state.total) })}
          </>
        )}
        {state.kind === "done" && t("list.exported", { done: formatNumber(state.done) })}
        {state.kind === "failed" && t("list.exportFailed", { message: state.message })}
      </span>
    </span>
  );
}
