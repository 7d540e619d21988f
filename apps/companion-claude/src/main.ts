import { ALL_COMMANDS, startCli } from "@agent-companion/core";
import { wiring } from "./wiring.js";

startCli(wiring, ALL_COMMANDS);
