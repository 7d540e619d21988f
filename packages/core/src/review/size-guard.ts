import type { ClassifiedError, TargetFacts } from "../adapter/adapter.js";
import type { ModeProfile } from "../profiles/profiles.js";

/**
 * Pure: the error for a prompt the target would reject or silently cut (FACTS: Claude
 * refuses piped stdin over 10 MiB, Gemini truncates it at 8 MiB), decided before the
 * target starts; null when it fits.
 */
export function promptTooLarge(target: Pick<TargetFacts, "displayName" | "promptLimit" | "name">, stdin: string, profile: ModeProfile): ClassifiedError | null {
  const { max, unit } = target.promptLimit;
  const size = unit === "bytes" ? Buffer.byteLength(stdin) : stdin.length;
  if (size <= max) return null;
  const measure = unit === "bytes" ? "bytes" : "characters";
  const advice =
    profile.access === "read-only"
      ? `Narrow the scope: review fewer files with \`companion-${target.name} run --mode custom-review --paths GLOB\`, or a shorter --base range; see \`preflight\` for what would be sent.`
      : "Shorten the prompt: put long material in files in the working tree and tell the target where to read it.";
  return {
    error_code: "prompt_too_large",
    message: `The prompt is ${size} ${measure}; ${target.displayName} takes at most ${max} on stdin. Nothing was sent.`,
    suggested_action: advice,
  };
}
