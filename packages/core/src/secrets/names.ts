/**
 * Pure: whether a path's name marks it as a credential file (SPEC §9.1), with the reason a
 * person reads in `preflight` and `audit.excluded`. Names are compared case-insensitively:
 * `ID_RSA` or `server.PEM` hold the same secrets.
 */
export function secretByName(path: string): string | null {
  const lower = path.toLowerCase();
  const name = lower.slice(lower.lastIndexOf("/") + 1);
  for (const rule of NAME_RULES) {
    if (rule.matches(name, lower)) return `secret file name (${rule.label})`;
  }
  return null;
}

interface NameRule {
  readonly label: string;
  readonly matches: (name: string, path: string) => boolean;
}

/** Placeholders committed on purpose so people know which variables to set. */
const TEMPLATE_SUFFIXES = [".example", ".sample", ".template", ".dist", ".defaults"];
const isTemplate = (name: string): boolean => TEMPLATE_SUFFIXES.some((suffix) => name.endsWith(suffix));

const exact = (...names: string[]): NameRule["matches"] => (name) => names.includes(name);
const extension = (...exts: string[]): NameRule["matches"] => (name) => exts.some((ext) => name.endsWith(ext) && name.length > ext.length);
const sshKey = (name: string): boolean => /^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?(?:[._-].*)?$/.test(name) && !name.endsWith(".pub");

const NAME_RULES: readonly NameRule[] = [
  { label: ".env", matches: (name) => (name === ".env" || name.startsWith(".env.") || (name.endsWith(".env") && name.length > 4)) && !isTemplate(name) },
  { label: ".envrc", matches: exact(".envrc") },
  { label: "private key or certificate store", matches: extension(".pem", ".key", ".p12", ".pfx", ".jks", ".keystore", ".ppk", ".p8", ".kdbx") },
  { label: "SSH private key", matches: sshKey },
  { label: "package registry credentials", matches: exact(".npmrc", ".pypirc", ".yarnrc") },
  { label: "login credentials", matches: exact(".netrc", "_netrc", ".git-credentials", ".pgpass", ".htpasswd", ".dockercfg", ".s3cfg") },
  { label: "cloud credentials", matches: (name, path) => name === "credentials" && /(?:^|\/)\.(?:aws|gem|docker)\/credentials$/.test(path) },
];
