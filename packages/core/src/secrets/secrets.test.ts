import { describe, expect, it } from "vitest";
import { secretInContent } from "./content.js";
import { secretByName } from "./names.js";

// Tokens are assembled at run time so this file does not itself look like a credential.
const join = (...parts: string[]): string => parts.join("");
const alnum = (n: number, seed = 7): string => {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let out = "";
  for (let i = 0; i < n; i++) out += chars[(i * seed + 3) % chars.length];
  return out;
};
const upperDigits = (n: number): string => alnum(n, 5).toUpperCase().replace(/[^A-Z0-9]/g, "Q");
const b64Body = `${alnum(64)}\n${alnum(64, 11)}\n${alnum(20)}==\n`;

describe("secretByName", () => {
  it.each([
    ".env",
    "config/.env",
    ".env.local",
    ".env.production",
    "deploy/prod.env",
    ".envrc",
    "certs/server.pem",
    "tls/server.KEY",
    "store.p12",
    "win.pfx",
    "android/release.jks",
    "id_rsa",
    "home/.ssh/id_ed25519",
    "id_ecdsa_backup",
    "id_rsa.old",
    ".npmrc",
    "pkg/.pypirc",
    ".netrc",
    ".git-credentials",
    ".aws/credentials",
  ])("withholds %s", (path) => {
    expect(secretByName(path)).toMatch(/^secret file name \(/);
  });

  it.each([
    ".env.example",
    ".env.sample",
    ".env.template",
    "config/.env.local.example",
    "id_rsa.pub",
    "home/.ssh/id_ed25519.pub",
    "src/env.ts",
    "src/environment.ts",
    "docs/keys.md",
    "src/keyboard.ts",
    "src/pem.ts",
    "monkey",
    "credentials.md",
    "src/credentials/index.ts",
    ".key",
    "README.md",
  ])("lets %s through", (path) => {
    expect(secretByName(path)).toBeNull();
  });
});

describe("secretInContent", () => {
  const secrets: Array<[string, string]> = [
    ["private key block", `-----BEGIN RSA PRIVATE KEY-----\n${b64Body}-----END RSA PRIVATE KEY-----\n`],
    ["private key block", `key = """\n-----BEGIN PRIVATE KEY-----\r\n${b64Body}"""`],
    ["private key block", `-----BEGIN OPENSSH PRIVATE KEY-----\n${b64Body}-----END OPENSSH PRIVATE KEY-----`],
    ["private key block", `{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n${alnum(64)}\\n${alnum(40)}\\n-----END PRIVATE KEY-----\\n"}`],
    ["private key block", `-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\n${b64Body}`],
    ["AWS access key ID", `aws_access_key_id = ${join("AKIA", "IOSFODNN7EXAMPLE")}\n`],
    ["AWS access key ID", `const id = "${join("ASIA", upperDigits(16))}";`],
    ["AWS secret access key", `aws_secret_access_key = ${alnum(40)}`],
    ["GitHub token", `token: ${join("ghp_", alnum(36))}`],
    ["GitHub token", `GITHUB_TOKEN=${join("github_", "pat_", alnum(22), "_", alnum(59))}`],
    ["GitLab token", `${join("glpat-", alnum(20))}`],
    ["Slack token", `SLACK=${join("xoxb-", "1234567890-", alnum(24))}`],
    ["Slack webhook URL", join("https://hooks.slack", ".com/services/T0000AAAA/B0000BBBB/", alnum(24))],
    ["Stripe secret key", `stripe.api_key = "${join("sk_", "live_", alnum(24))}"`],
    ["Anthropic API key", `ANTHROPIC_API_KEY=${join("sk-", "ant-api03-", alnum(90))}`],
    ["OpenAI API key", `OPENAI_API_KEY=${join("sk-", "proj-", alnum(60))}`],
    ["OpenAI API key", `key=${join("sk-", alnum(20), "T3Blbk", "FJ", alnum(20))}`],
    ["Google API key", `apiKey: "${join("AI", "za", alnum(35))}"`],
    ["npm token", `//registry.npmjs.org/:_authToken=${join("npm_", alnum(36))}`],
  ];
  it.each(secrets)("finds a %s", (label, text) => {
    expect(secretInContent(text)).toMatch(new RegExp(`^secret content: ${label} \\(line \\d+\\)$`));
    expect(secretInContent(Buffer.from(text))).not.toBeNull();
  });

  it("names the line and never the value", () => {
    const token = join("ghp_", alnum(36));
    const reason = secretInContent(`a\nb\nconst t = "${token}";\n`) ?? "";
    expect(reason).toBe("secret content: GitHub token (line 3)");
    expect(reason).not.toContain(token);
  });

  it.each([
    ["prose about keys", "Never commit your PRIVATE KEY; the server reads it from a PRIVATE KEY file.\n"],
    ["a marker without a key body", 'if (pem.startsWith("-----BEGIN PRIVATE KEY-----")) return parse(pem);\n'],
    ["a public key", `-----BEGIN PUBLIC KEY-----\n${b64Body}-----END PUBLIC KEY-----\n`],
    ["AKIA in an identifier", "const AKIA_PREFIX = 'AKIA'; function isAKIAKey(s) { return s.startsWith(AKIA_PREFIX); }\n"],
    ["AKIA with too few characters", `id = ${join("AKIA", "ABCDEF")}\n`],
    ["AKIA inside a longer word", `x = ${join("XAKIA", upperDigits(16))}Z\n`],
    ["an sk- word", "scikit: sk-learn, risk-free, task-runner, desk-top\n"],
    ["a short sk- value", "OPENAI_API_KEY=sk-...\n"],
    ["a publishable Stripe key", `pk = "${join("pk_", "live_", alnum(24))}"\n`],
    ["a ghp_ placeholder", "GITHUB_TOKEN=ghp_xxxxx\n"],
    ["an AIza mention", "Google keys start with AIza and are 39 characters long.\n"],
    ["env template values", "DATABASE_URL=postgres://user:password@localhost/db\nAPI_KEY=changeme\n"],
    ["binary noise", "\u0000\u0001\u0002PNG\u0000IHDR"],
  ])("lets %s through", (_, text) => {
    expect(secretInContent(text)).toBeNull();
  });
});
