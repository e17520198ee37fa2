import { formatParams, isoDate, text, type ParamChanges } from "../../lib/url-params";

/** /activity: the audit log's filters, kept in the URL. */
export const activityParams = {
  operation: text,
  from: isoDate,
  to: isoDate,
};

export function activityUrl(params: ParamChanges<typeof activityParams> = {}): string {
  return `/activity${formatParams(activityParams, params)}`;
}
