import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CompanionError, EXIT } from "../errors/companion-error.js";
import { isJobId, newJobId, parseJobId } from "./job-id.js";
import { JobStore } from "./job-store.js";

/** Strings built to look like ids: UUIDs of any version and case, with traversal and separators mixed in. */
const idLike = fc.oneof(
  fc.string(),
  fc.uuid(),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.tuple(fc.constantFrom("", "../", "./", "/", "..\\", "%2e%2e/", "jobs/"), fc.uuid({ version: 4 }), fc.constantFrom("", "/", "\n", "\0", " ", "/..", ".json")).map((parts) => parts.join("")),
  fc.uuid({ version: 4 }).chain((id) => fc.nat({ max: id.length - 1 }).map((at) => `${id.slice(0, at)}${id.slice(at + 1)}`)),
);

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "job-id-property-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("job ids (property)", () => {
  it("any string either is a lowercase UUID v4 and is accepted as is, or is a usage error (exit 2)", () => {
    fc.assert(
      fc.property(idLike, (value) => {
        if (/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(value)) {
          expect(isJobId(value)).toBe(true);
          expect(parseJobId(value)).toBe(value);
          return;
        }
        expect(isJobId(value)).toBe(false);
        let thrown: unknown;
        try {
          parseJobId(value);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(CompanionError);
        expect(thrown).toMatchObject({ code: "usage_error", exitCode: EXIT.usage });
      }),
      { numRuns: 2000 },
    );
  });

  it("an accepted id names exactly one directory directly under jobs/", () => {
    const store = new JobStore(root, "claude");
    fc.assert(
      fc.property(fc.uuid({ version: 4 }), (id) => {
        const dir = store.jobDir(id);
        expect(basename(dir)).toBe(id);
        expect(dirname(dir)).toBe(join(root, "claude", "jobs"));
      }),
    );
  });

  it("a rejected id fails before the store touches the filesystem", async () => {
    const store = new JobStore(root, "claude");
    await fc.assert(
      fc.asyncProperty(idLike.filter((value) => !isJobId(value)), async (value) => {
        expect(() => store.jobDir(value)).toThrow(CompanionError);
        await expect(store.read(value)).rejects.toMatchObject({ code: "usage_error" });
        await expect(store.update(value, (current) => current)).rejects.toMatchObject({ code: "usage_error" });
        await expect(store.remove(value, "/ws")).rejects.toMatchObject({ code: "usage_error" });
      }),
      { numRuns: 300 },
    );
    expect(await readdir(root)).toEqual([]);
  });

  it("minted ids are always valid and never repeat, also where there is no random device", () => {
    for (const source of ["/dev/urandom", join(root, "no-such-device")]) {
      const ids = Array.from({ length: 1000 }, () => newJobId(source));
      for (const id of ids) expect(isJobId(id)).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});
