/**
 * A recipe as it enters a node's key. An argument list enters as it is; a function enters as its
 * source text, so editing the function makes exactly the nodes of its recipe stale. (Values it
 * closes over are not in its text: what changes the build belongs in the function or in `env`.)
 */
export function recipeSource<T>(command: T): T | { zx: string } {
  return typeof command === "function" ? { zx: (command as () => unknown).toString() } : command;
}
