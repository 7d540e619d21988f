/**
 * The small repository the demo reviews: committed code, a dirty edit, an untracked file
 * and an ignored `.env` whose secret must never leave the machine.
 */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { execa } from "execa";

export const DEMO_SECRET = "sk-live-demo-SECRET-0451";

export interface SampleRepo {
  readonly root: string;
  readonly secret: string;
}

// A private, predictable git: no user or system config can add hooks or filters.
const GIT_ENV = {
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_AUTHOR_NAME: "Demo",
  GIT_AUTHOR_EMAIL: "demo@example.invalid",
  GIT_COMMITTER_NAME: "Demo",
  GIT_COMMITTER_EMAIL: "demo@example.invalid",
};

const git = (root: string, ...args: string[]) => execa("git", args, { cwd: root, env: GIT_ENV });

async function put(root: string, path: string, content: string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), content);
}

const COMMITTED_CART = `export interface Line {
  price: number;
  quantity: number;
}

export function total(lines: Line[]): number {
  return lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
}
`;

// The dirty edit the review should catch: a discount with no upper bound.
const DIRTY_CART = `${COMMITTED_CART}
export function discounted(lines: Line[], percent: number): number {
  return total(lines) * (1 - percent / 100);
}
`;

const UNTRACKED_TEST = `import { discounted } from "../src/cart.js";

console.assert(discounted([{ price: 10, quantity: 2 }], 10) === 18);
`;

export async function createSampleRepo(): Promise<SampleRepo> {
  const root = await mkdtemp(join(tmpdir(), "companion-demo-repo-"));
  await git(root, "init", "-q", "-b", "main");
  await put(root, "src/cart.ts", COMMITTED_CART);
  await put(root, "README.md", "# cart\n\nA tiny shopping-cart module.\n");
  await put(root, ".gitignore", ".env\n");
  await git(root, "add", "-A");
  await git(root, "commit", "-qm", "cart totals");
  await put(root, "src/cart.ts", DIRTY_CART);
  await put(root, "test/cart.test.ts", UNTRACKED_TEST);
  await put(root, ".env", `PAYMENT_API_KEY=${DEMO_SECRET}\n`);
  return { root, secret: DEMO_SECRET };
}
