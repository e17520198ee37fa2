import type { ReactElement } from "react";
import { render } from "@testing-library/react";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { I18nProvider, type Locale } from "../../../lib/i18n";
import { ViewerProvider, type ViewerInfo } from "../../shell/viewer";
import { permissionsFor } from "../../shell/__tests__/permissions";
import "../../shell/shell-messages";

export const PROVIDER_PARTNER_ID = "UGFydG5lcjpwcm92aWRlcg";

/** A signed-in viewer: the Trey Research provider by default. */
export function makeViewer(
  overrides: { types?: ViewerInfo["partner"]["types"]; role?: ViewerInfo["user"]["role"]; canTransact?: boolean } = {},
): ViewerInfo {
  const types = overrides.types ?? ["INDIRECT_PROVIDER"];
  const role = overrides.role ?? "GLOBAL_ADMIN";
  const canTransact = overrides.canTransact ?? !(types.length === 1 && types[0] === "INDIRECT_RESELLER");
  return {
    __typename: "Viewer",
    user: {
      __typename: "User",
      id: "VXNlcjox",
      email: "admin@treyresearch.example",
      displayName: "Megan",
      role,
    },
    partner: {
      __typename: "Partner",
      id: PROVIDER_PARTNER_ID,
      name: types.includes("INDIRECT_PROVIDER") ? "Trey Research" : "Wingtip Toys",
      partnerId: "4847383",
      country: "US",
      types,
      canTransact,
      mpaSigned: true,
      programStatus: "ACTIVE",
    },
    permissions: {
      ...permissionsFor(role, types),
      canActForCustomers: canTransact,
      mustUseProvider: types.includes("INDIRECT_RESELLER") && !canTransact,
    },
  } as ViewerInfo;
}

/** Shows the current URL so tests can check what a view wrote there. */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

/** Renders a view inside the app's providers: i18n, router at `url`, Apollo mocks and the viewer. */
export function renderView(
  ui: ReactElement,
  {
    url = "/",
    path = "*",
    mocks = [],
    viewer = makeViewer(),
    locale = "en",
  }: {
    url?: string;
    path?: string;
    mocks?: readonly MockLink.MockedResponse[];
    viewer?: ViewerInfo;
    locale?: Locale;
  } = {},
) {
  return render(
    <I18nProvider locale={locale}>
      <MockedProvider mocks={mocks}>
        <MemoryRouter initialEntries={[url]}>
          <ViewerProvider viewer={viewer}>
            <Routes>
              <Route path={path} element={ui} />
            </Routes>
            <LocationProbe />
          </ViewerProvider>
        </MemoryRouter>
      </MockedProvider>
    </I18nProvider>,
  );
}
