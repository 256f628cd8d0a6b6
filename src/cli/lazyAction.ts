/**
 * A command's action, loaded when the command runs: `--help` and every other command then skip
 * its modules (the whole command line was a third of `staging --help`'s time to compile).
 */
export function lazyAction<A extends unknown[]>(
  load: () => Promise<(...args: A) => Promise<void>>,
): (...args: A) => Promise<void> {
  return async (...args) => (await load())(...args);
}
