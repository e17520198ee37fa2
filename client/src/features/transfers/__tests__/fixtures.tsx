import { useParams } from "react-router";
import type { ViewerInfo } from "../../shell/viewer";
import { makeViewer } from "../../../testing/harness";
import type { PartnerType, UserRole } from "../../../graphql/generated";

export function partner(id: string, name: string, types: PartnerType[], canTransact = true) {
  return {
    __typename: "Partner" as const,
    id,
    name,
    partnerId: id.replace(/\D/g, "").padStart(7, "1"),
    country: "US",
    types,
    canTransact,
    mpaSigned: true,
    programStatus: "ACTIVE" as const,
  };
}

export const FIRST_UP = partner("P-firstup", "First Up Consultants", ["DIRECT_BILL"]);
export const TREY = partner("P-trey", "Trey Research Distribution", ["INDIRECT_PROVIDER"]);
export const WINGTIP = partner("P-wingtip", "Wingtip Toys IT", ["INDIRECT_RESELLER"], false);
export const FOURTH = partner("P-fourth", "Fourth Coffee", ["DIRECT_BILL"]);

/** Signed in as a global admin (or `role`) of partner `p`. */
export function viewerOf(p: ReturnType<typeof partner>, role: UserRole = "GLOBAL_ADMIN"): ViewerInfo {
  return makeViewer({ role, partner: p });
}

function DetailStub() {
  const { transferId } = useParams();
  return <p>Transfer page {transferId}</p>;
}

/** `/transfers/:id` as a stub page, to see where a screen navigates. */
export const transferPageStub = { path: "/transfers/:transferId", element: <DetailStub /> };
