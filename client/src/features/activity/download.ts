import { authHeaders } from "../../lib/auth";

export interface ActivityFilter {
  customerId?: string;
  /** One of the viewer's resellers (its Partner id): what the viewer did about it and the customers it serves. */
  resellerId?: string;
  operation?: string;
  from?: string;
  to?: string;
}

/** The export's address for a filter (the same filter as the list). */
export function exportUrl(filter: ActivityFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  const query = params.toString();
  return `/export/audit-events.csv${query ? `?${query}` : ""}`;
}

/** Downloads the filtered activity as CSV, with the CSRF header (or bearer token) a plain link could not send. */
export async function downloadActivity(filter: ActivityFilter): Promise<void> {
  const res = await fetch(exportUrl(filter), { credentials: "same-origin", headers: authHeaders() });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = "audit-events.csv";
  link.click();
  URL.revokeObjectURL(url);
}
