import { describe, expect, it } from "vitest";
import { resolveTreeLink, type TreeEntry } from "./tree-link.js";

const blob = (path: string, mode = "100644"): TreeEntry => ({ path, mode, oid: "0".repeat(40), size: 1 });

function tree(links: Record<string, string>, files: string[]) {
  const entries = new Map<string, TreeEntry>();
  for (const f of files) entries.set(f, blob(f));
  for (const l of Object.keys(links)) entries.set(l, blob(l, "120000"));
  return { entries, targets: new Map(Object.entries(links)) };
}

const reason = (link: string, t: ReturnType<typeof tree>) => {
  const r = resolveTreeLink(link, t.entries, t.targets);
  return r.ok ? r.entry.path : r.reason;
};

describe("resolveTreeLink", () => {
  it("follows links to in-tree files, through chains", () => {
    const t = tree({ "a/l": "../f", m: "a/l", n: "./a/../a/l" }, ["f"]);
    expect(reason("a/l", t)).toBe("f");
    expect(reason("m", t)).toBe("f");
    expect(reason("n", t)).toBe("f");
  });

  it("refuses every unsafe ending", () => {
    const t = tree(
      { esc: "../x", abs: "/etc/passwd", dang: "nope", dir: "d", root: ".", git: ".git/config", l1: "l2", l2: "l1", sub: "s" },
      ["d/x", "f"],
    );
    t.entries.set("s", blob("s", "160000"));
    expect(reason("esc", t)).toMatch(/escapes/);
    expect(reason("abs", t)).toMatch(/absolute/);
    expect(reason("dang", t)).toMatch(/dangling/);
    expect(reason("dir", t)).toMatch(/directory/);
    expect(reason("root", t)).toMatch(/directory/);
    expect(reason("git", t)).toMatch(/\.git/);
    expect(reason("l1", t)).toMatch(/loop/);
    expect(reason("sub", t)).toMatch(/submodule/);
  });

  it("stops long chains", () => {
    const links = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`c${i}`, `c${i + 1}`]));
    expect(reason("c0", tree(links, ["c9"]))).toMatch(/more than 8/);
    expect(reason("c2", tree(links, ["c9"]))).toBe("c9");
  });
});
