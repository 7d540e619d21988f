import { ALL_OPERATIONS, startCli } from "@agent-companion/core";
import { wiring } from "./wiring.js";

startCli(wiring, ALL_OPERATIONS);
