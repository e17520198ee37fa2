import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  CustomerCreateDocument,
  CustomerListDocument,
  CustomerRequestRelationshipDocument,
  type CustomerListQuery,
} from "../../../graphql/generated";
import { CustomerListView } from "../CustomerListView";
import { PROVIDER_ID, RESELLER_ID, providerOptionsMock, resellerOptionsMock, viewer } from "./fixtures";
import { renderView, userError } from "../../../testing/harness";

function listResult(names: string[]): CustomerListQuery {
  return {
    customers: {
      __typename: "CustomerConnection",
      totalCount: names.length,
      pageInfo: {
        __typename: "PageInfo",
        hasNextPage: false,
        hasPreviousPage: false,
        startCursor: null,
        endCursor: null,
      },
      nodes: names.map((name, i) => ({
        __typename: "Customer",
        id: `Q3VzdG9tZXI6${i}`,
        name,
        domain: `${name.toLowerCase()}.onmicrosoft.com`,
        country: "US",
        channels: ["CSP"],
        hasNonCspSubscriptions: false,
        mcaAccepted: true,
        relationships: [
          {
            __typename: "CustomerRelationship",
            id: `Q3VzdG9tZXJSZWxhdGlvbnNoaXA6${i}`,
            status: "ACTIVE",
            includesDelegatedAdmin: true,
            partner: { __typename: "Partner", id: PROVIDER_ID, name: "Trey Research" },
          },
        ],
      })),
    },
  };
}

const listMock = (
  names: string[],
  variables: Record<string, unknown> = { filter: {}, first: 25, after: null, last: null, before: null, orderBy: null },
) => ({
  request: { query: CustomerListDocument, variables },
  result: { data: listResult(names) },
});

const resellersMock = resellerOptionsMock(["MPA_NOT_SIGNED"]);

const providersMock = providerOptionsMock();

describe("CustomerListView", () => {
  it("lists customers with channels and the viewer's relationship, filters in the URL", async () => {
    renderView(<CustomerListView />, {
      mocks: [
        listMock(["Contoso"], {
          filter: { search: "con" },
          first: 25,
          after: null,
          last: null,
          before: null,
          orderBy: null,
        }),
        resellersMock,
      ],
      viewer: viewer("provider"),
      url: "/customers?q=con",
      path: "/customers",
    });
    const row = (await screen.findByRole("link", { name: "Contoso" })).closest("tr")!;
    expect(within(row).getByText("CSP")).toBeInTheDocument();
    expect(within(row).getByText("Active")).toBeInTheDocument();
    expect(screen.getByLabelText("Search name or domain")).toHaveValue("con");
  });

  it("shows a server userError beside its field, disables submit while pending, then refetches the list", async () => {
    const user = userEvent.setup();
    const input = {
      name: "Fabrikam",
      domain: "contoso.onmicrosoft.com",
      country: "US",
      mcaAccepted: true,
      resellerId: RESELLER_ID,
    };
    renderView(<CustomerListView />, {
      mocks: [
        listMock(["Contoso"]),
        resellersMock,
        {
          request: { query: CustomerCreateDocument, variables: { input } },
          delay: 300,
          result: {
            data: {
              createCustomer: {
                __typename: "CreateCustomerPayload",
                customer: null,
                userErrors: [
                  userError("domain", "A customer with this domain already exists", "ALREADY_EXISTS"),
                  userError("resellerId", "The reseller has not signed the MPA", "RESELLER_MPA_NOT_SIGNED", "R24"),
                ],
              },
            },
          },
        },
        {
          request: {
            query: CustomerCreateDocument,
            variables: { input: { ...input, domain: "fabrikam.onmicrosoft.com" } },
          },
          result: {
            data: {
              createCustomer: {
                __typename: "CreateCustomerPayload",
                customer: {
                  __typename: "Customer",
                  id: "Q3VzdG9tZXI6ZmFi",
                  name: "Fabrikam",
                  domain: "fabrikam.onmicrosoft.com",
                },
                userErrors: [],
              },
            },
          },
        },
        listMock(["Contoso", "Fabrikam"]),
      ],
      viewer: viewer("provider"),
      url: "/customers?panel=create",
      path: "/customers",
    });

    await screen.findByRole("link", { name: "Contoso" });
    // "Create customer" is both the panel toggle and the submit button: work inside the form.
    const form = screen.getByRole("form", { name: "Create a customer" });
    await user.type(within(form).getByLabelText("Company name"), "Fabrikam");
    await user.type(within(form).getByLabelText("Primary domain"), "contoso.onmicrosoft.com");
    expect(within(form).getByLabelText("Country")).toHaveValue("US");
    const reseller = await within(form).findByRole("option", { name: "Wingtip Toys — MPA not signed" });
    await user.selectOptions(within(form).getByLabelText("For reseller"), reseller);
    await user.click(within(form).getByLabelText("The customer has accepted the Microsoft Customer Agreement"));
    await user.click(within(form).getByRole("button", { name: "Create customer" }));
    await waitFor(() => expect(within(form).getByRole("button", { name: "Saving…" })).toBeDisabled());

    const domain = await within(form).findByLabelText("Primary domain");
    await waitFor(() => expect(domain).toHaveAccessibleDescription(/A customer with this domain already exists/));
    expect(domain).toHaveAttribute("aria-invalid", "true");
    // After the refusal the focus is on the first invalid field, not lost to the page body.
    await waitFor(() => expect(domain).toHaveFocus());
    expect(within(form).getByLabelText("For reseller")).toHaveAccessibleDescription(
      /The reseller has not signed the MPA \(R24\)/,
    );

    await user.clear(domain);
    await user.type(domain, "fabrikam.onmicrosoft.com");
    await user.click(within(form).getByRole("button", { name: "Create customer" }));

    expect(await screen.findByText("Fabrikam was created.")).toBeInTheDocument();
    expect(await screen.findByRole("link", { name: "Fabrikam" })).toBeInTheDocument();
  });

  it("closes the create form with Escape and gives the focus back to the button that opened it", async () => {
    const user = userEvent.setup();
    renderView(<CustomerListView />, { url: "/customers", mocks: [listMock([]), resellersMock] });
    const open = await screen.findByRole("button", { name: "Create customer" });
    await user.click(open);
    const form = screen.getByRole("form", { name: "Create a customer" });
    await user.type(within(form).getByLabelText("Company name"), "Fab");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("form", { name: "Create a customer" })).not.toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/customers$/);
    expect(open).toHaveFocus();
  });

  it("requests a relationship and shows the acceptance link as an absolute URL with a copy button", async () => {
    const user = userEvent.setup();
    renderView(<CustomerListView />, {
      mocks: [
        listMock([]),
        resellersMock,
        {
          request: {
            query: CustomerRequestRelationshipDocument,
            variables: {
              input: {
                customerDomain: "nowhere.example",
                includesDelegatedAdmin: false,
                resellerId: null,
                providerId: null,
              },
            },
          },
          result: {
            data: {
              requestCustomerRelationship: {
                __typename: "RequestRelationshipPayload",
                acceptanceUrl: null,
                relationships: null,
                userErrors: [userError("customerDomain", "No customer tenant has this domain", "NOT_FOUND")],
              },
            },
          },
        },
        {
          request: {
            query: CustomerRequestRelationshipDocument,
            variables: {
              input: {
                customerDomain: "fabrikam.com",
                includesDelegatedAdmin: false,
                resellerId: null,
                providerId: null,
              },
            },
          },
          result: {
            data: {
              requestCustomerRelationship: {
                __typename: "RequestRelationshipPayload",
                acceptanceUrl: "/relationships/accept?token=abc123abc123abc123",
                relationships: [
                  {
                    __typename: "CustomerRelationship",
                    id: "Q3VzdG9tZXJSZWxhdGlvbnNoaXA6OQ",
                    status: "REQUESTED",
                    includesDelegatedAdmin: false,
                    partner: { __typename: "Partner", id: PROVIDER_ID, name: "Trey Research" },
                    customer: {
                      __typename: "Customer",
                      id: "Q3VzdG9tZXI6OQ",
                      name: "Fabrikam",
                      domain: "fabrikam.com",
                    },
                  },
                ],
                userErrors: [],
              },
            },
          },
        },
        listMock([]),
      ],
      viewer: viewer("provider"),
      url: "/customers?panel=request",
      path: "/customers",
    });
    const form = await screen.findByRole("form", { name: "Request a reseller relationship" });
    await user.type(within(form).getByLabelText("Customer domain"), "nowhere.example");
    await user.click(within(form).getByLabelText("Ask for granular delegated admin privileges (GDAP)"));
    await user.click(within(form).getByRole("button", { name: "Create the request" }));
    expect(await within(form).findByText("No customer tenant has this domain")).toBeInTheDocument();
    expect(within(form).getByLabelText("Customer domain")).toHaveAccessibleDescription(/No customer tenant/);

    await user.clear(within(form).getByLabelText("Customer domain"));
    await user.type(within(form).getByLabelText("Customer domain"), "fabrikam.com");
    await user.click(within(form).getByRole("button", { name: "Create the request" }));

    const link = await within(form).findByLabelText("Acceptance link");
    expect(link).toHaveValue(`${window.location.origin}/relationships/accept?token=abc123abc123abc123`);
    expect(within(form).getByText("Request created for Fabrikam (Trey Research).")).toBeInTheDocument();
    await user.click(within(form).getByRole("button", { name: "Copy link" }));
    expect(await navigator.clipboard.readText()).toBe(
      `${window.location.origin}/relationships/accept?token=abc123abc123abc123`,
    );
    expect(within(form).getByText("Copied.")).toBeInTheDocument();
  });

  it("tells a reseller why it cannot create customers and whom to ask", async () => {
    renderView(<CustomerListView />, {
      mocks: [listMock([]), providersMock],
      viewer: viewer("reseller"),
      url: "/customers?panel=create",
      path: "/customers",
    });
    expect(
      await screen.findByText(/Indirect resellers cannot create customer tenants \(rule R22\)/),
    ).toBeInTheDocument();
    expect(await screen.findByText("Trey Research")).toBeInTheDocument();
    expect(screen.getByText("Partner ID 777 · US")).toBeInTheDocument();
    expect(screen.queryByLabelText("Company name")).not.toBeInTheDocument();
  });
});
