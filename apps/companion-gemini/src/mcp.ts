// The entry point of the MCP server's bundle (the bin routes `mcp` here): the protocol SDK
// loads only for this command.
import { startMcp } from "@agent-companion/mcp";
import { wiring } from "./wiring.js";

startMcp(wiring);
