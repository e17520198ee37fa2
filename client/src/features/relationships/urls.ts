import { formatParams, text, type ParamChanges } from "../../lib/url-params";

/** The public acceptance page: the link's token. */
export const acceptRelationshipParams = { token: text };

export const acceptRelationshipUrl = (params?: ParamChanges<typeof acceptRelationshipParams>) =>
  `/relationships/accept${formatParams(acceptRelationshipParams, params)}`;
