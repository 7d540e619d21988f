/**
 * MERGE: stand-in until the review helper's secret detector (SPEC §9.1: names and
 * content) lands on main; replace `isSecretPath` with it and delete this file. Only the
 * name rule lives here, in this one place, for the isolated rescue's state capture.
 */

const EXAMPLE_SUFFIX = /\.(?:example|sample|template)$/i;
const SECRET_BASENAMES = [
  /^\.env(?:\..+)?$/i,
  /\.(?:pem|key|p12|pfx)$/i,
  /^id_(?:rsa|ecdsa|ed25519|dsa)(?:\..*)?$/i,
  /^\.(?:npmrc|pypirc|netrc|git-credentials)$/i,
];

/** Pure: whether a repository-relative path names a file that usually holds credentials. */
export function isSecretPath(path: string): boolean {
  const name = path.split("/").at(-1) ?? path;
  if (EXAMPLE_SUFFIX.test(name)) return false;
  return SECRET_BASENAMES.some((rule) => rule.test(name));
}
