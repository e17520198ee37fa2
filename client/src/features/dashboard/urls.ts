import { formatParams, type ParamChanges } from "../../lib/url-params";

/** The windows of "terms ending" (days ahead). */
export const TERM_WINDOWS = [30, 60] as const;
export type TermWindow = (typeof TERM_WINDOWS)[number];

/** The dashboard: the terms-ending window (`terms=60`; 30 when absent). */
export const dashboardParams = {
  terms: {
    parse: (raw: string): TermWindow => TERM_WINDOWS.find((d) => String(d) === raw) ?? 30,
    format: (days: TermWindow) => (days === 30 ? "" : String(days)),
  },
};

export const dashboardUrl = (params?: ParamChanges<typeof dashboardParams>) =>
  `/${formatParams(dashboardParams, params)}`;
