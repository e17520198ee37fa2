import { Suspense } from "react";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, useSearchParams } from "react-router";
import { describe, expect, it } from "vitest";
import { idList, useUrlParams } from "../url-params";

const schema = { ids: idList };
const never = new Promise<never>(() => {});

/** Stands for a part of the page that is slow to render the new URL: it suspends once `ids` is set. */
function SlowPart() {
  const [search] = useSearchParams();
  if (search.get("ids")) throw never;
  return null;
}

function Picker() {
  const [url, setUrl] = useUrlParams(schema);
  return (
    <>
      <label>
        <input
          type="checkbox"
          checked={url.ids.includes("a")}
          onChange={(e) => setUrl({ ids: e.target.checked ? ["a"] : [] })}
        />
        Teams
      </label>
      <SlowPart />
    </>
  );
}

describe("useUrlParams", () => {
  // The CI flake of stop 16: the router applies URL changes in a transition, and a checkbox bound to the URL
  // read unchecked right after the click until the (late) transition committed.
  it("shows a change at once, before the router's transition commits", async () => {
    render(
      <MemoryRouter initialEntries={["/"]}>
        <Suspense fallback={<p>loading</p>}>
          <Picker />
        </Suspense>
      </MemoryRouter>,
    );
    const box = screen.getByRole("checkbox", { name: "Teams" });
    await userEvent.click(box);
    expect(box).toBeChecked();
    expect(screen.queryByText("loading")).toBeNull();
  });
});
