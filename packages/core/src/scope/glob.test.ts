import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPathGlob, compileGlob, expandBraces } from "./glob.js";

const selects = (pattern: string, path: string, prefix = "") => compileGlob(pattern, prefix).matches(path);

describe("glob dialect", () => {
  it("* and ? stay within a segment", () => {
    expect(selects("*.ts", "a.ts")).toBe(true);
    expect(selects("*.ts", "src/a.ts")).toBe(false);
    expect(selects("?.ts", "a.ts")).toBe(true);
    expect(selects("?.ts", "ab.ts")).toBe(false);
    expect(selects("*", ".env")).toBe(true);
  });

  it("** spans zero or more segments", () => {
    expect(selects("**/*.ts", "a.ts")).toBe(true);
    expect(selects("**/*.ts", "x/y/a.ts")).toBe(true);
    expect(selects("src/**/a.ts", "src/a.ts")).toBe(true);
    expect(selects("src/**/a.ts", "src/x/y/a.ts")).toBe(true);
    expect(selects("src/**", "src/x/y/a.ts")).toBe(true);
    expect(selects("src/**", "srcx/a.ts")).toBe(false);
    expect(selects("**", "anything/at/all")).toBe(true);
    expect(selects("**/**/b", "a/b")).toBe(true);
  });

  it("a directory pattern selects everything beneath; a trailing / only directories", () => {
    expect(selects("src", "src/deep/a.ts")).toBe(true);
    expect(selects("src/", "src/a.ts")).toBe(true);
    expect(selects("a.ts/", "a.ts")).toBe(false);
  });

  it("braces, escapes and literal brackets", () => {
    expect(expandBraces("src/*.{ts,tsx}")).toEqual(["src/*.ts", "src/*.tsx"]);
    expect(expandBraces("{a,{b,c}}d")).toEqual(["ad", "bd", "cd"]);
    expect(expandBraces("{solo}")).toEqual(["{solo}"]);
    expect(selects("\\*.md", "*.md")).toBe(true);
    expect(selects("\\*.md", "a.md")).toBe(false);
    expect(selects("[ab].txt", "[ab].txt")).toBe(true);
    expect(selects("[ab].txt", "a.txt")).toBe(false);
    expect(() => expandBraces("{a,b}".repeat(20))).toThrow(/exceeds/);
  });

  it("patterns are relative to the cwd prefix, which is matched literally", () => {
    expect(selects("*.ts", "sub/a.ts", "sub")).toBe(true);
    expect(selects("*.ts", "a.ts", "sub")).toBe(false);
    expect(selects(".", "sub/x/a.ts", "sub")).toBe(true);
    expect(selects("*.ts", "we*rd/a.ts", "we*rd")).toBe(true);
    expect(selects("*.ts", "weXrd/a.ts", "we*rd")).toBe(false);
    expect(selects("./a.ts", "a.ts")).toBe(true);
  });

  it("literal paths are named only by wildcard-free patterns", () => {
    expect(compileGlob(".env", "").literalPaths).toEqual([".env"]);
    expect(compileGlob("{.env,config/*.json}", "app").literalPaths).toEqual(["app/.env"]);
    expect(compileGlob("**/.env", "").literalPaths).toEqual([]);
    expect(compileGlob("secrets/", "").literalPaths).toEqual([]);
  });

  it("refuses unsafe or option-shaped patterns", () => {
    for (const bad of ["", "-x", "/etc/passwd", "../x", "a/../../b", "{a,..}/x", ".git/config", "a/.git", "a\nb"]) {
      expect(checkPathGlob(bad).ok).toBe(false);
    }
    for (const good of ["src/**/*.ts", ".env", "a..b.txt", "{a,b}/c"]) expect(checkPathGlob(good)).toEqual({ ok: true });
  });

  it("never throws on checked patterns and never selects paths outside the prefix", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z*?{},./\\]{1,12}$/), fc.stringMatching(/^[a-z./]{1,12}$/), (pattern, path) => {
        if (!checkPathGlob(pattern).ok) return;
        const glob = compileGlob(pattern, "p");
        if (!path.startsWith("p/")) expect(glob.matches(path)).toBe(false);
      }),
    );
  });
});
