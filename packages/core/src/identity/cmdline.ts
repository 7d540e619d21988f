/**
 * Splits /proc/<pid>/cmdline (NUL-separated, NUL-terminated) into argv. Zombies and kernel
 * threads have an empty cmdline, which yields []. Used to tell a forked child from its exec'd
 * image; identity's argv0 comes from /proc/<pid>/exe (see observe-linux.ts).
 */
export const parseCmdline = (raw: Buffer | string): string[] => {
  const text = typeof raw === "string" ? raw : raw.toString("utf8");
  if (text === "") return [];
  const parts = text.split("\0");
  if (parts.at(-1) === "") parts.pop();
  return parts;
};
