import { StagingError } from "../../errors/index.js";

/**
 * Docker's own name rules, asserted before a name reaches an argument list: callers pass slugs
 * they already validated, so a failure here is a bug upstream (or a hand-edited file) and says
 * which rule it broke. A name never starts with `-`, so it can never be read as an option.
 */

/** Container names: `[a-zA-Z0-9][a-zA-Z0-9_.-]+` (the daemon's rule). */
const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
/** A full or short image / container id (hex), optionally `sha256:`-prefixed. */
const ID = /^(sha256:)?[a-f0-9]{12,64}$/;
/** One path component of a repository: lowercase alphanumerics joined by `.`, `_`, `__` or dashes. */
const REPO_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
/** A registry host (with optional port) as the first component of a reference. */
const REGISTRY = /^(?:localhost|[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)+|[a-zA-Z0-9-]+)(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const LABEL_KEY = /^[a-zA-Z0-9][a-zA-Z0-9._/-]*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MEMORY = /^[1-9]\d*[bkmg]?$/i;
const CPUSET = /^\d+(?:-\d+)?(?:,\d+(?:-\d+)?)*$/;

function invalid(what: string, got: string, expected: string): never {
  throw new StagingError(`invalid docker ${what}: ${JSON.stringify(got)}`, {
    code: "E_DOCKER_NAME",
    facts: { [what]: got, expected },
  });
}

export function isContainerName(name: string): boolean {
  return name.length <= 255 && CONTAINER_NAME.test(name);
}

/** A container name or id, as `docker inspect`, `rm`, `logs` accept it. */
export function assertContainerRef(ref: string): string {
  if (isContainerName(ref) || ID.test(ref)) return ref;
  return invalid("container name", ref, "[a-zA-Z0-9][a-zA-Z0-9_.-]+ (at least 2 characters)");
}

export function assertContainerName(name: string): string {
  if (isContainerName(name)) return name;
  return invalid("container name", name, "[a-zA-Z0-9][a-zA-Z0-9_.-]+ (at least 2 characters)");
}

/** `[registry[:port]/]repo/path[:tag][@sha256:digest]`, or an image id. */
export function isImageRef(ref: string): boolean {
  if (ID.test(ref)) return true;
  if (ref.length > 255 + 128 + 72) return false;
  let rest = ref;
  const at = rest.indexOf("@");
  if (at >= 0) {
    if (!DIGEST.test(rest.slice(at + 1))) return false;
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > slash) {
    if (!TAG.test(rest.slice(colon + 1))) return false;
    rest = rest.slice(0, colon);
  }
  if (rest.length === 0 || rest.length > 255) return false;
  const parts = rest.split("/");
  const first = parts[0] ?? "";
  const hasRegistry =
    parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  if (hasRegistry && !REGISTRY.test(first)) return false;
  return parts.slice(hasRegistry ? 1 : 0).every((part) => REPO_COMPONENT.test(part));
}

export function assertImageRef(ref: string): string {
  if (isImageRef(ref)) return ref;
  return invalid("image reference", ref, "[registry/]name[:tag][@sha256:digest], lowercase name components");
}

export function assertLabelKey(key: string): string {
  if (LABEL_KEY.test(key)) return key;
  return invalid("label key", key, "[a-zA-Z0-9][a-zA-Z0-9._/-]*");
}

export function assertEnvName(name: string): string {
  if (ENV_NAME.test(name)) return name;
  return invalid("environment variable name", name, "[A-Za-z_][A-Za-z0-9_]*");
}

export function assertCpuset(cpus: string): string {
  if (CPUSET.test(cpus)) return cpus;
  return invalid("cpuset", cpus, "a CPU list such as 0-3 or 1,3");
}

export function assertMemory(memory: string): string {
  if (MEMORY.test(memory)) return memory;
  return invalid("memory limit", memory, "a size such as 512m or 2g");
}

/** `key=value` pairs for `--label` / `--filter label=`; `true` filters on the key alone. */
export function labelArgs(flag: "--label" | "--filter", labels: Record<string, string | true>): string[] {
  const args: string[] = [];
  for (const [key, value] of Object.entries(labels)) {
    assertLabelKey(key);
    if (typeof value === "string" && /[\n\r]/.test(value)) invalid("label value", value, "a single line");
    const pair = value === true ? key : `${key}=${value}`;
    args.push(flag, flag === "--filter" ? `label=${pair}` : pair);
  }
  return args;
}
