import type { ReactNode } from "react";
import { InMemoryCache } from "@apollo/client";
import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { MemoryRouter, Route, Routes, useParams } from "react-router";
import { I18nProvider } from "../../../lib/i18n";
import { ViewerProvider, type ViewerInfo } from "../../shell/viewer";
import { permissionsFor } from "../../shell/__tests__/permissions";
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

export function viewerOf(p: ReturnType<typeof partner>, role: UserRole = "GLOBAL_ADMIN"): ViewerInfo {
  return {
    __typename: "Viewer",
    user: { __typename: "User", id: `U-${p.id}`, email: `admin@${p.id}.example`, displayName: "Avery Admin", role },
    partner: p,
    permissions: permissionsFor(role, p.types),
  };
}

function DetailStub() {
  const { transferId } = useParams();
  return <p>Transfer page {transferId}</p>;
}

/** The providers a view needs, at a URL, signed in as `viewer`; `/transfers/:id` is a stub to see navigation. */
export function renderAt(
  element: ReactNode,
  {
    path,
    url,
    viewer,
    mocks,
  }: { path: string; url: string; viewer: ViewerInfo; mocks: ReadonlyArray<MockLink.MockedResponse> },
) {
  const cache = new InMemoryCache({
    possibleTypes: {
      Node: [
        "Customer",
        "CustomerRelationship",
        "CustomerSubscription",
        "Partner",
        "ResellerPartnership",
        "Transfer",
        "User",
      ],
    },
  });
  return (
    <I18nProvider locale="en">
      <MockedProvider mocks={mocks} cache={cache}>
        <MemoryRouter initialEntries={[url]}>
          <ViewerProvider viewer={viewer}>
            <Routes>
              <Route path={path} element={element} />
              {path !== "/transfers/:transferId" && <Route path="/transfers/:transferId" element={<DetailStub />} />}
            </Routes>
          </ViewerProvider>
        </MemoryRouter>
      </MockedProvider>
    </I18nProvider>
  );
}
