import { Field, ID, InterfaceType } from "type-graphql";

@InterfaceType({ description: "An object with a globally unique, opaque id (Relay)." })
export abstract class Node {
  @Field(() => ID, { name: "id", description: "Opaque global id; pass it to node(id:)." })
  readonly nodeId: string;
}
