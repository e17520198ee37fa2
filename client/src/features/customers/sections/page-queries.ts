/** The customer page's queries a change on the page can affect: refetched (and awaited) after its mutations. */
export const PAGE_QUERIES = ["CustomerPage", "CustomerSubscriptions"];

/** Queries a reseller's sent request changes: this customer's open requests and the navigation's count. */
export const SENT_REQUEST_QUERIES = ["CustomerOpenProviderRequests", "ShellOpenRequests"];
