/** Links into the customer screens and the screens they lead to. */
export const customerListUrl = (params: Record<string, string> = {}) => {
  const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();
  return search ? `/customers?${search}` : "/customers";
};

export const customerUrl = (customerId: string) => `/customers/${encodeURIComponent(customerId)}`;

/** The transfer wizard (transfers feature), preselecting the customer. */
export const newTransferUrl = (customerId: string) => `/transfers/new?customerId=${encodeURIComponent(customerId)}`;

/** The API returns the acceptance link as a path on its own origin; the customer needs the whole address. */
export function absoluteUrl(path: string, origin: string = window.location.origin): string {
  return new URL(path, origin).href;
}

/** The requests page (requests feature): what this reseller asked its providers. */
export const sentRequestsUrl = () => "/requests?direction=SENT";
