import { CompanionError, EXIT, usageError } from "../errors/companion-error.js";
import { describeSelection } from "../scope/describe.js";
import { ScopeError } from "../scope/scope-error.js";
import { selectScope } from "../scope/select.js";
import type { OperationContext } from "./context.js";
import type { InputOf } from "./input.js";
import type { OperationResult } from "./operation.js";
import { sourceFlags } from "./launch-options.js";

/** The exact selection a review would send; spawns no target and writes no record. */
export async function preflightOperation(ctx: OperationContext, input: InputOf<"preflight">): Promise<OperationResult> {
  const { profile, cwd, scope } = sourceFlags(input, ctx.cwd);
  if (scope.containment === "none") {
    throw usageError(`preflight applies to review modes; ${profile.mode} works on the live tree and sends no snapshot.`);
  }
  let description;
  try {
    description = describeSelection(await selectScope({ cwd, scope: scope.scope, base: scope.base, paths: scope.paths }));
  } catch (error) {
    if (error instanceof ScopeError) throw new CompanionError("scope_failed", error.message, { suggestedAction: error.suggestedAction, cause: error });
    throw error;
  }
  const document = { ok: true, target: ctx.target.name, mode: profile.mode, containment: scope.containment, ...description };
  const human = [
    `${profile.mode}: ${description.file_count} file(s), ${description.byte_count} bytes (${description.scope}${description.base ? ` vs ${description.base}` : ""})`,
    ...description.files.map((file) => `  ${file.path}  ${file.bytes}`),
  ].join("\n");
  return { document, exitCode: EXIT.ok, human };
}
