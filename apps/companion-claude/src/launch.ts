// The entry point of the background launch's small bundle (the bin routes `--background` here).
import { startCli } from "@agent-companion/core";
import { LAUNCH_COMMANDS } from "@agent-companion/core/launch-commands";
import { wiring } from "./wiring.js";

startCli(wiring, LAUNCH_COMMANDS);
