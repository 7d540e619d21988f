import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { it } from "vitest";
import { execa } from "execa";
import { selectScope } from "/work/main/packages/core/src/scope/select.js";
import { createSnapshot } from "/work/main/packages/core/src/snapshot/snapshot.js";
import { git, initRepo } from "/work/main/packages/core/src/scope/test-support/git-repo.js";

it("bench", { timeout: 300000 }, async () => {
  let t = Date.now();
  const lap = (l: string) => { console.log(l, Date.now() - t); t = Date.now(); };
  const repo = await initRepo();
  for (let d = 0; d < 200; d++) {
    await mkdir(join(repo, `d${d}`));
    await Promise.all(Array.from({ length: 100 }, (_, f) => writeFile(join(repo, `d${d}`, `f${f}.txt`), `file ${d}/${f}\n`.repeat(50))));
  }
  lap("create");
  await git(repo, ["add", "-A"]); lap("add");
  await execa("sh", ["-c", `mkdir /tmp/bench20k/base && git ls-files -z | tar --null -T - -cf - | tar -xf - -C /tmp/bench20k/base`], { cwd: repo }); lap("baseline tar");
  await execa("rm", ["-rf", "/tmp/bench20k/base"]);
  await execa("sh", ["-c", `mkdir /tmp/bench20k/base && git ls-files -z | tar --null -T - -cf - | tar -xf - -C /tmp/bench20k/base`], { cwd: repo }); lap("baseline tar 2");
  for (const scope of ["working-tree", "staged", "working-tree", "staged"] as const) {
    const s = await selectScope({ cwd: repo, scope, base: null, paths: [] }); lap(`select ${scope}`);
    const snap = await createSnapshot(s); lap(`snapshot ${scope}`);
    await snap.cleanup(); lap("cleanup");
  }
  await execa("rm", ["-rf", repo, "/tmp/bench20k/base"]);
});
