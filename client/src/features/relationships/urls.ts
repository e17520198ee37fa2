import { text } from "../../lib/url-params";

/** /relationships/accept: the token of the link the partner sent (the API builds the link itself). */
export const acceptRelationshipParams = { token: text };
