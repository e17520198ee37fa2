import { Initial1795609999885 } from "./1795609999885-Initial";
import { ProviderRequest1795612226997 } from "./1795612226997-ProviderRequest";
import { ApiTokensUsers1796187626604 } from "./1796187626604-ApiTokensUsers";

export const migrations = [Initial1795609999885, ProviderRequest1795612226997, ApiTokensUsers1796187626604];
