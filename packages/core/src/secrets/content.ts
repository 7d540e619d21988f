/**
 * Pure: whether file content holds a credential (SPEC §9.1): private-key blocks and the
 * token formats of common clouds and APIs. Each pattern is anchored on the format's own
 * prefix and length, so prose that names a key ("PRIVATE KEY"), placeholders and
 * identifiers that merely start like one pass through.
 */
export function secretInContent(content: Buffer | string): string | null {
  // latin1 maps every byte to one char: binary files scan safely, and the patterns are ASCII.
  const text = typeof content === "string" ? content : content.toString("latin1");
  if (!QUICK_CHECK.test(text)) return null;
  for (const detector of DETECTORS) {
    const match = detector.pattern.exec(text);
    if (match !== null) return `secret content: ${detector.label} (line ${lineOf(text, match.index)})`;
  }
  return null;
}

interface Detector {
  readonly label: string;
  readonly pattern: RegExp;
}

/** Line break as a file has it, or as a JSON/YAML string escapes it (service-account keys). */
const NL = String.raw`(?:\r?\n|(?:\\r)?\\n)`;
const B64_LINE = String.raw`[A-Za-z0-9+/=]{32,}`;

const DETECTORS: readonly Detector[] = [
  {
    label: "private key block",
    pattern: new RegExp(
      String.raw`-----BEGIN (?:(?:RSA|DSA|EC|OPENSSH|ENCRYPTED|SSH2|PGP) )?PRIVATE KEY(?: BLOCK)?-----[ \t]*${NL}(?:[A-Za-z-]+:[^\n]*${NL})*(?:${NL})?${B64_LINE}`,
    ),
  },
  { label: "PuTTY private key", pattern: /^PuTTY-User-Key-File-\d+: /m },
  { label: "AWS access key ID", pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])/ },
  {
    label: "AWS secret access key",
    pattern: /aws_?secret_?access_?key["']?\s*[:=]\s*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/i,
  },
  { label: "GitHub token", pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{60,251})(?![A-Za-z0-9_])/ },
  { label: "GitLab token", pattern: /(?<![A-Za-z0-9_-])gl(?:pat|dt|rt|ptt|cbt|ft|soat|agent)-[A-Za-z0-9_-]{20,}/ },
  { label: "Slack token", pattern: /(?<![A-Za-z0-9])xox[abposre]-(?:\d+-)?[A-Za-z0-9-]{10,}/ },
  { label: "Slack webhook URL", pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/T[A-Z0-9]+\/[A-Z0-9]+\/[A-Za-z0-9]{16,}/ },
  { label: "Stripe secret key", pattern: /(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,}/ },
  { label: "Anthropic API key", pattern: /(?<![A-Za-z0-9])sk-ant-(?:api|admin|oat|sid)\d{2}-[A-Za-z0-9_-]{40,}/ },
  {
    label: "OpenAI API key",
    pattern: /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{40,}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|[A-Za-z0-9]{48})(?![A-Za-z0-9_-])/,
  },
  { label: "Google API key", pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/ },
  { label: "Google OAuth token", pattern: /(?<![A-Za-z0-9])ya29\.[0-9A-Za-z_-]{30,}/ },
  { label: "npm token", pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/ },
  { label: "PyPI token", pattern: /pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/ },
  { label: "Hugging Face token", pattern: /(?<![A-Za-z0-9_])hf_[A-Za-z]{34,}(?![A-Za-z0-9])/ },
  { label: "SendGrid API key", pattern: /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/ },
  { label: "Azure storage account key", pattern: /AccountKey=[A-Za-z0-9+/]{86}==/ },
  { label: "DigitalOcean token", pattern: /do[opr]_v1_[a-f0-9]{64}/ },
  { label: "Shopify token", pattern: /shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}/ },
];

/** Cheap gate: one pass for the prefixes every detector needs before the precise ones run. */
const QUICK_CHECK = /PRIVATE KEY|PuTTY-User-Key|A(?:KIA|SIA|BIA|CCA|3T)|secret_?access|gh[pousr]_|github_pat_|gl[a-z]{1,4}-|xox[abposre]-|hooks\.slack|_live_|_test_|sk-|AIza|ya29\.|npm_|pypi-|hf_|SG\.|AccountKey=|_v1_|shp[acps]/i;

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
