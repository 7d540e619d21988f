// Every command: the bin routes here what the small bundles do not serve.
import { ALL_OPERATIONS } from "@agent-companion/core/front-end";
import { startCli } from "@agent-companion/core/start";
import { wiring } from "./wiring.js";

startCli(wiring, ALL_OPERATIONS);
