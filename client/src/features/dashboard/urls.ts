/**
 * Links from the dashboard into the other screens, with their URL filters (customers: `nonCsp`, `reseller`;
 * transfers: `status`, `direction`; resellers: `issues`; subscriptions: see subscriptions/urls.ts).
 */
const withQuery = (path: string, params: Record<string, string>) => {
  const query = new URLSearchParams(params).toString();
  return query ? `${path}?${query}` : path;
};

export const customersUrl = (params: Record<string, string> = {}) => withQuery("/customers", params);
export const customerUrl = (id: string) => `/customers/${encodeURIComponent(id)}`;
export const transfersUrl = (params: Record<string, string> = {}) => withQuery("/transfers", params);
export const transferUrl = (id: string) => `/transfers/${encodeURIComponent(id)}`;
export const resellersUrl = (params: Record<string, string> = {}) => withQuery("/resellers", params);
/** Reseller → provider requests (requests feature): `direction` SENT / RECEIVED, `status` OPEN, FULFILLED… */
export const requestsUrl = (params: Record<string, string> = {}) => withQuery("/requests", params);
