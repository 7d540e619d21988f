import { readFileSync } from "node:fs";
import { parseCliArgs, USAGE } from "./cli-args.js";
import type { CliOptions } from "./cli-args.js";
import { parseScript } from "./parse-script.js";
import type { Script } from "./script.js";
import { createModelServer } from "./server.js";

function loadScript(file: string | undefined): Script | undefined {
  return file === undefined ? undefined : parseScript(JSON.parse(readFileSync(file, "utf8")));
}

function readOptions(): CliOptions {
  try {
    return parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const options = readOptions();
  const script = loadScript(options.scriptFile);
  const server = await createModelServer({
    port: options.port,
    ...(script ? { script } : {}),
    ...(options.logFile ? { logFile: options.logFile } : {}),
  });
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  // The one line a parent process waits for before pointing a CLI at the server.
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
}

main().catch((error: unknown) => {
  console.error(`scripted-model-server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
