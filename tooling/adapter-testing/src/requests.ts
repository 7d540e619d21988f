import { profileFor, type InvocationRequest, type Mode } from "@agent-companion/core";

export const PROMPT = "Review this change --model=evil and tell me; rm -rf /";

export const requestFor = (mode: Mode, overrides: Partial<InvocationRequest> = {}): InvocationRequest => ({
  profile: profileFor(mode),
  prompt: PROMPT,
  model: null,
  resumeSessionId: null,
  readableDir: null,
  jsonSchema: null,
  cwd: "/tmp/chain",
  privateDir: "/tmp/private",
  ...overrides,
});
