import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { it } from "vitest";
import { execa } from "execa";
import { selectScope } from "../scope/select.js";
import { createSnapshot } from "./snapshot.js";
import { git, initRepo } from "../scope/test-support/git-repo.js";

it("bench", { timeout: 600000 }, async () => {
  const repo = await initRepo();
  for (let d = 0; d < 200; d++) {
    await mkdir(join(repo, `d${d}`));
    await Promise.all(Array.from({ length: 100 }, (_, f) => writeFile(join(repo, `d${d}`, `f${f}.txt`), `file ${d}/${f}\n`.repeat(50))));
  }
  await git(repo, ["add", "-A"]);
  const out: string[] = [];
  for (let round = 0; round < 3; round++) {
    let t = Date.now();
    await execa("sh", ["-c", `rm -rf /tmp/bench20k/base; mkdir -p /tmp/bench20k/base && git ls-files -z | tar --null -T - -cf - | tar -xf - -C /tmp/bench20k/base && sync -f /tmp/bench20k/base`], { cwd: repo });
    out.push(`baseline ${Date.now() - t}`);
    for (const scope of ["working-tree", "staged"] as const) {
      t = Date.now();
      const s = await selectScope({ cwd: repo, scope, base: null, paths: [] });
      const snap = await createSnapshot(s);
      await execa("sync", ["-f", snap.dir]);
      out.push(`${scope} ${Date.now() - t}`);
      await snap.cleanup();
    }
  }
  console.log(out.join("\n"));
  await execa("rm", ["-rf", repo, "/tmp/bench20k/base"]);
});
