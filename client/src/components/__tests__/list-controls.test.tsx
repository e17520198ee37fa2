import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { renderView } from "../../testing/harness";
import { listExportUrl } from "../ExportButton";
import { ListPager } from "../ListPager";
import { SortHeader } from "../SortHeader";

const none = { after: "", before: "", last: "", page: "", size: null };
const links = { hasNextPage: true, hasPreviousPage: false, startCursor: "S", endCursor: "E" };

describe("ListPager", () => {
  it("shows page N of M and moves by keyset cursors, the last page sized to the remainder", () => {
    const onMove = vi.fn();
    renderView(<ListPager totalCount={47} pageInfo={links} values={none} onMove={onMove} />);
    expect(screen.getByText("Page 1 of 3")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "First" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Previous" })).toBeDisabled();
    fireEvent.click(screen.getByRole("button", { name: "Next" }));
    expect(onMove).toHaveBeenLastCalledWith({ after: "E", before: null, last: null, page: "2" });
    fireEvent.click(screen.getByRole("button", { name: "Last" }));
    expect(onMove).toHaveBeenLastCalledWith({ after: null, before: null, last: "7", page: "3" });
    fireEvent.change(screen.getByRole("combobox", { name: "Rows per page" }), { target: { value: "50" } });
    expect(onMove).toHaveBeenLastCalledWith({ after: null, before: null, last: null, page: null, size: "50" });
  });

  it("on the last page, goes back one page with `before` and cannot go further", () => {
    const onMove = vi.fn();
    const end = { hasNextPage: false, hasPreviousPage: true, startCursor: "S", endCursor: "E" };
    renderView(<ListPager totalCount={47} pageInfo={end} values={{ ...none, last: "7", page: "3" }} onMove={onMove} />);
    expect(screen.getByText("Page 3 of 3")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Next" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Last" })).toBeDisabled();
    fireEvent.click(screen.getByRole("button", { name: "Previous" }));
    expect(onMove).toHaveBeenLastCalledWith({ after: null, before: "S", last: null, page: "2" });
  });
});

describe("SortHeader", () => {
  it("marks the sorted column for assistive technology and cycles its sort", () => {
    const onSort = vi.fn();
    renderView(
      <table>
        <thead>
          <tr>
            <SortHeader field="NAME" sort={{ field: "NAME", direction: "ASC" }} onSort={onSort}>
              Name
            </SortHeader>
          </tr>
        </thead>
      </table>,
    );
    expect(screen.getByRole("columnheader")).toHaveAttribute("aria-sort", "ascending");
    fireEvent.click(screen.getByRole("button", { name: /Name/ }));
    expect(onSort).toHaveBeenCalledWith({ field: "NAME", direction: "DESC" });
  });
});

describe("listExportUrl", () => {
  it("writes the list's GraphQL filter as query parameters, lists comma-separated, and the sort", () => {
    expect(
      listExportUrl(
        "subscriptions",
        { status: ["ACTIVE", "SUSPENDED"], search: "365", channel: [], offerKind: null },
        "OFFER_NAME:DESC",
      ),
    ).toBe("/export/subscriptions.csv?status=ACTIVE%2CSUSPENDED&search=365&sort=OFFER_NAME%3ADESC");
    expect(listExportUrl("customers", {}, "")).toBe("/export/customers.csv");
  });
});
