import { Initial1795609999885 } from "./1795609999885-Initial";

export const migrations = [Initial1795609999885];
