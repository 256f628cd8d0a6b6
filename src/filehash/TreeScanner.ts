import { readTree, type TreePass } from "./readTree.js";
import { statTree, type StattedTree } from "./statTree.js";

/** Lists and reads a tree: on the calling thread, or shared among hash workers. */
export interface TreeScanner {
  list(root: string, include?: readonly string[], exclude?: readonly string[]): Promise<StattedTree>;
  /** `readTree`'s pass: files whose hash `known` gives are not read, unless `readAll`. */
  read(
    base: string,
    tree: StattedTree,
    known: (i: number) => string | undefined,
    readAll: boolean,
  ): Promise<TreePass>;
}

/** Everything on the calling thread. */
export const localScanner: TreeScanner = {
  list: (root, include, exclude) => Promise.resolve(statTree(root, include, exclude)),
  read: (base, tree, known, readAll) => Promise.resolve(readTree(base, tree, known, readAll)),
};
