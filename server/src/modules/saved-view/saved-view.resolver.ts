import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../context";
import { mutate, readContext } from "../../service-context";
import { SavedView } from "./saved-view.entity";
import { SavedViewList } from "./saved-view.rules";
import { savedViewService } from "./saved-view.service";
import {
  CreateSavedViewInput,
  DeleteSavedViewInput,
  DeleteSavedViewPayload,
  SavedViewPayload,
  UpdateSavedViewInput,
} from "./saved-view.types";

@Resolver(() => SavedView)
export class SavedViewResolver {
  @Query(() => [SavedView], {
    description: "The viewer's saved views of one list, by name (at most 30; a user's own sign-in, not an API token).",
  })
  savedViews(@Arg("list", () => SavedViewList) list: SavedViewList, @Ctx() ctx: RequestContext) {
    return savedViewService.list(readContext(ctx), list);
  }

  @Mutation(() => SavedViewPayload, { description: "Saves a named filter and sort of a list for the viewer." })
  createSavedView(@Arg("input", () => CreateSavedViewInput) input: CreateSavedViewInput, @Ctx() ctx: RequestContext) {
    return mutate(ctx, SavedViewPayload, (s) => savedViewService.create(s, input));
  }

  @Mutation(() => SavedViewPayload, { description: "Renames one of the viewer's views or changes its filter or sort." })
  updateSavedView(@Arg("input", () => UpdateSavedViewInput) input: UpdateSavedViewInput, @Ctx() ctx: RequestContext) {
    return mutate(ctx, SavedViewPayload, (s) => savedViewService.update(s, input));
  }

  @Mutation(() => DeleteSavedViewPayload, { description: "Deletes one of the viewer's views." })
  deleteSavedView(@Arg("input", () => DeleteSavedViewInput) input: DeleteSavedViewInput, @Ctx() ctx: RequestContext) {
    return mutate(ctx, DeleteSavedViewPayload, (s) => savedViewService.delete(s, input));
  }
}
