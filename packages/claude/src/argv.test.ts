import { describe, expect, it } from "vitest";
import type { Mode } from "@agent-companion/core";
import { buildArgs } from "./argv.js";
import { PROMPT, requestFor } from "@agent-companion/adapter-testing";

const READ_ONLY = [
  "--tools=Read,Grep,Glob",
  "--disallowedTools=Write,Edit,MultiEdit,NotebookEdit,Bash,WebFetch,WebSearch",
  "--permission-mode=default",
  "--setting-sources=",
  "--strict-mcp-config",
];
const REVIEW_MODES: Mode[] = ["review", "adversarial-review", "custom-review"];

describe("buildArgs", () => {
  it.each(REVIEW_MODES)("%s runs read-only with project context stripped", (mode) => {
    expect(buildArgs(requestFor(mode))).toEqual([
      "-p",
      "--output-format=stream-json",
      "--verbose",
      "--include-partial-messages",
      ...READ_ONLY,
    ]);
  });

  it("rescue may edit and keeps project context", () => {
    expect(buildArgs(requestFor("rescue"))).toEqual([
      "-p",
      "--output-format=stream-json",
      "--verbose",
      "--include-partial-messages",
      "--permission-mode=acceptEdits",
    ]);
  });

  it("re-applies every read-only flag when resuming", () => {
    const args = buildArgs(requestFor("review", { resumeSessionId: "sess-1" }));
    expect(args).toEqual(expect.arrayContaining([...READ_ONLY, "--resume=sess-1"]));
  });

  it("keeps project context when the profile does not strip it", () => {
    const profile = { ...requestFor("review").profile, stripProjectContext: false };
    const args = buildArgs(requestFor("review", { profile }));
    expect(args).not.toContain("--strict-mcp-config");
    expect(args).not.toContain("--setting-sources=");
    expect(args).toContain("--permission-mode=default");
  });

  it("passes model, readable dir, resume and schema in --opt=value form", () => {
    const args = buildArgs(
      requestFor("custom-review", {
        model: "claude-sonnet-4-5",
        readableDir: "/snap shot",
        resumeSessionId: "sess-2",
        jsonSchema: '{"type":"object"}',
      }),
    );
    expect(args.slice(-4)).toEqual([
      "--add-dir=/snap shot",
      "--model=claude-sonnet-4-5",
      "--resume=sess-2",
      '--json-schema={"type":"object"}',
    ]);
  });

  it.each<Mode>(["review", "rescue"])("never puts the prompt in argv (%s)", (mode) => {
    const args = buildArgs(requestFor(mode, { resumeSessionId: "s", model: "m" }));
    expect(args.join(" ")).not.toContain(PROMPT);
    expect(args.every((arg) => arg.startsWith("-"))).toBe(true);
  });
});
