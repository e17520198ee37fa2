/**
 * The one harness every component test renders through: English (or the given locale), a router at `url`, Apollo's
 * MockedProvider over the app's own cache (createCache: the generated possibleTypes and the type policies), and a
 * signed-in viewer. A hidden probe shows the current URL, so tests can check what a view wrote there.
 */
import type { ReactElement, ReactNode } from "react";
import { render } from "@testing-library/react";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { createCache } from "../lib/apollo";
import { I18nProvider, type Locale } from "../lib/i18n";
import { ViewerProvider, type ViewerInfo, type ViewerPermissions } from "../features/shell/viewer";
import {
  LiveEventsDocument,
  NetworkSyncStatusDocument,
  SavedViewsDocument,
  type PartnerType,
  type UserRole,
} from "../graphql/generated";
import "../features/shell/shell-messages";

const PROVIDER_PARTNER_ID = "UGFydG5lcjpwcm92aWRlcg";

/**
 * `viewer.permissions` as the API computes it (server/src/auth/roles.ts): the role decides the role flags, the
 * partner's types (and whether it may transact) the partner flags.
 */
function permissionsFor(
  role: UserRole,
  types: readonly PartnerType[],
  canTransact = types.includes("DIRECT_BILL") || types.includes("INDIRECT_PROVIDER"),
): ViewerPermissions {
  return {
    __typename: "ViewerPermissions",
    canViewNetwork: role !== "USER_MANAGEMENT_ADMIN",
    canViewAudit: ["GLOBAL_ADMIN", "ADMIN_AGENT"].includes(role),
    canManageNetwork: ["GLOBAL_ADMIN", "ADMIN_AGENT"].includes(role),
    canManageCustomers: ["GLOBAL_ADMIN", "ADMIN_AGENT", "SALES_AGENT"].includes(role),
    canOrder: ["GLOBAL_ADMIN", "ADMIN_AGENT", "SALES_AGENT"].includes(role),
    canTransfer: ["GLOBAL_ADMIN", "ADMIN_AGENT"].includes(role),
    canActForCustomers: canTransact,
    mustUseProvider: types.includes("INDIRECT_RESELLER") && !canTransact,
    canManageUsers: ["GLOBAL_ADMIN", "USER_MANAGEMENT_ADMIN"].includes(role),
    canManageApiTokens: ["GLOBAL_ADMIN", "ADMIN_AGENT"].includes(role),
    canManageWebhooks: role === "GLOBAL_ADMIN",
    canViewSync: ["GLOBAL_ADMIN", "ADMIN_AGENT"].includes(role),
    canStartSync: ["GLOBAL_ADMIN", "ADMIN_AGENT"].includes(role),
    canRecordPartnerFacts: role === "GLOBAL_ADMIN",
    canSuspend: ["GLOBAL_ADMIN", "ADMIN_AGENT", "SALES_AGENT"].includes(role),
    canReactivate: ["GLOBAL_ADMIN", "ADMIN_AGENT", "SALES_AGENT"].includes(role),
    canCancel: ["GLOBAL_ADMIN", "ADMIN_AGENT", "SALES_AGENT"].includes(role),
    canRequestProviderAction: ["GLOBAL_ADMIN", "ADMIN_AGENT", "SALES_AGENT"].includes(role),
  };
}

/**
 * A signed-in viewer: the Trey Research provider's global admin by default. `types` alone names a typical partner
 * of those types; `partner` sets any of its fields.
 */
export function makeViewer(
  options: {
    types?: PartnerType[];
    role?: UserRole;
    canTransact?: boolean;
    partner?: Partial<ViewerInfo["partner"]>;
  } = {},
): ViewerInfo {
  const types = options.partner?.types ?? options.types ?? ["INDIRECT_PROVIDER"];
  const role = options.role ?? "GLOBAL_ADMIN";
  const canTransact =
    options.partner?.canTransact ?? options.canTransact ?? !(types.length === 1 && types[0] === "INDIRECT_RESELLER");
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
      mpaSigned: true,
      programStatus: "ACTIVE",
      ...options.partner,
      types,
      canTransact,
    },
    permissions: permissionsFor(role, types, canTransact),
  };
}

/** A userError as the API returns it, on `input.<field>` (or with no field). */
export function userError(field: string | null, message: string, code = "INVALID_INPUT", ruleId: string | null = null) {
  return {
    __typename: "UserError" as const,
    field: field ? ["input", field] : null,
    message,
    code: code as never,
    ruleId,
  };
}

function LocationProbe() {
  const location = useLocation();
  return <output hidden data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

export interface RenderViewOptions {
  /** Where the router starts. */
  url?: string;
  /** The route the view is mounted on (params such as `:customerId` come from `url`). */
  path?: string;
  mocks?: readonly MockLink.MockedResponse[];
  viewer?: ViewerInfo;
  locale?: Locale;
  /** Other routes, e.g. a stub page to see where the view navigates. */
  routes?: readonly { path: string; element: ReactNode }[];
  /** The app's cache (createCache()), e.g. filled beforehand with data "loaded earlier". */
  cache?: ReturnType<typeof createCache>;
}

/** The shell's live-event subscription (lib/live.ts), connected but silent: views behave as without events. */
const QUIET_LIVE_EVENTS: MockLink.MockedResponse = {
  request: { query: LiveEventsDocument },
  delay: Infinity,
  maxUsageCount: Number.POSITIVE_INFINITY,
};

/** The network sync badge's status (components/SyncedIndicator.tsx) in the sandbox: views show no badge. */
export const SANDBOX_SYNC_STATUS: MockLink.MockedResponse = {
  request: { query: NetworkSyncStatusDocument },
  result: {
    data: {
      viewer: {
        __typename: "Viewer",
        syncStatus: {
          __typename: "SyncStatus",
          upstream: "SANDBOX",
          lastSyncedAt: null,
          stale: false,
          staleAfterMinutes: 60,
        },
      },
    },
  },
  maxUsageCount: Number.POSITIVE_INFINITY,
};

/** No saved views on any list, unless a test's own SavedViews mock (matched first) says otherwise. */
const NO_SAVED_VIEWS: MockLink.MockedResponse = {
  request: { query: SavedViewsDocument, variables: () => true },
  result: { data: { savedViews: [] } },
  maxUsageCount: Number.POSITIVE_INFINITY,
};

/** Renders a view inside the app's providers. */
export function renderView(
  ui: ReactElement,
  {
    url = "/",
    path = "*",
    mocks = [],
    viewer = makeViewer(),
    locale = "en",
    routes = [],
    cache = createCache(),
  }: RenderViewOptions = {},
) {
  return render(
    <I18nProvider locale={locale}>
      <MockedProvider mocks={[...mocks, QUIET_LIVE_EVENTS, SANDBOX_SYNC_STATUS, NO_SAVED_VIEWS]} cache={cache}>
        <MemoryRouter initialEntries={[url]}>
          <ViewerProvider viewer={viewer}>
            <Routes>
              <Route path={path} element={ui} />
              {routes.map((r) => (
                <Route key={r.path} path={r.path} element={r.element} />
              ))}
            </Routes>
            <LocationProbe />
          </ViewerProvider>
        </MemoryRouter>
      </MockedProvider>
    </I18nProvider>,
  );
}
