/** The first X.Y.Z in a `--version` output; CLIs decorate it differently. */
export const parseVersion = (stdout: string): string | null =>
  /\b(\d+\.\d+\.\d+)\b/.exec(stdout)?.[1] ?? null;
