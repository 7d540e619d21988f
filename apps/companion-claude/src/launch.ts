// The entry point of the background launch's small bundle (the bin routes `--background` here).
import { startCli } from "@agent-companion/core/start";
import { LAUNCH_OPERATIONS } from "@agent-companion/core/launch-operations";
import { wiring } from "./wiring.js";

startCli(wiring, LAUNCH_OPERATIONS);
