/**
 * POSIX shell quoting, the one place where an argument list becomes a command string (SSH exec
 * takes a string). Every argument is wrapped in single quotes; a single quote inside becomes
 * `'\''`. Nothing inside single quotes is special to a POSIX shell: no `$`, backtick, glob,
 * newline or backslash processing, so the remote shell sees exactly the bytes given.
 */
export function shellQuote(arg: string): string {
  if (arg.includes("\0")) throw new TypeError("a shell argument cannot contain a NUL byte");
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Quotes each argument and joins them with spaces. */
export function shellJoin(argv: readonly string[]): string {
  return argv.map(shellQuote).join(" ");
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether `name` can be an environment variable name (and so appear unquoted before `=`). */
export function isEnvName(name: string): boolean {
  return ENV_NAME.test(name);
}
