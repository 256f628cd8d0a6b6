import { dirname } from "node:path";
import { ExitCode, StagingError, isStagingError } from "./StagingError.js";

/** What staging was doing when the file system said no; every field is optional. */
export interface FsErrorContext {
  /** In words, after "cannot": `write the workspace lock`, `read version.yaml`. @default from the syscall */
  action?: string;
  /** The path to name. @default the error's own path (its destination for a copy or rename) */
  path?: string;
  /** The input the path stands for, when it is one: `version.yaml`, `snapshot`, `corpus`. */
  field?: string;
  /** @default ExitCode.badInput; a node's action passes ExitCode.nodeFailed */
  exitCode?: ExitCode;
}

interface Explained {
  headline: string;
  hint: (path: string) => string;
}

const SPACE_HINT = (path: string) =>
  `free space on the file system that holds ${dirname(path)} (df -h ${dirname(path)}), then run the same command again`;

/** The errors a user can cause and fix, in words; anything else is a bug and keeps its stack. */
const EXPLAINED: Record<string, Explained> = {
  ENOSPC: { headline: "No space left on the device", hint: SPACE_HINT },
  EDQUOT: { headline: "Disk quota exceeded", hint: SPACE_HINT },
  EROFS: {
    headline: "The file system is read-only",
    hint: () =>
      "remount it read-write, or work in a workspace on a writable disk (--workspace DIR); nothing was changed",
  },
  EACCES: {
    headline: "Permission denied",
    hint: (path) => `check the owner and mode of ${path} (ls -ld), or run staging as the user who owns it`,
  },
  EPERM: {
    headline: "Operation not permitted",
    hint: (path) => `check the owner, mode and attributes of ${path} (ls -ld, lsattr -d)`,
  },
  EISDIR: {
    headline: "A folder is where a file was expected",
    hint: (path) => `${path} must be a file: remove or rename the folder`,
  },
  ENOTDIR: {
    headline: "A file is where a folder was expected",
    hint: (path) => `every part of ${path} before its last must be a folder: remove or rename the file`,
  },
  ELOOP: {
    headline: "A symlink loop (too many levels of symbolic links)",
    hint: (path) => `a symlink on the way to ${path} leads back to itself: fix or remove it`,
  },
  EXDEV: {
    headline: "The workspace spans two file systems (or a read-only mount)",
    hint: (path) =>
      `staging writes beside a file and renames it into place: keep ${dirname(path)} and the workspace's .staging on one writable file system; nothing was changed`,
  },
  EMFILE: {
    headline: "Too many open files in this process",
    hint: () => "raise the open-files limit (ulimit -n), or run fewer nodes at once (--concurrency)",
  },
  ENFILE: {
    headline: "Too many open files on this machine",
    hint: () => "close other programs' files or raise fs.file-max, then run the same command again",
  },
};

/** The errno codes `translateFsError` turns into a StagingError. */
export const USER_FS_ERRORS: readonly string[] = Object.keys(EXPLAINED);

/** Whether `error` is a file-system error a user can cause and fix (ENOSPC, EROFS, EACCES, ...). */
export function isUserFsError(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" && code in EXPLAINED && !isStagingError(error);
}

/**
 * A StagingError naming the path, the operation and what to do, for an fs error a user can cause
 * (no space, read-only, permissions, a folder where a file belongs, a symlink loop, too many open
 * files); a StagingError or any other error is returned as it is.
 */
export function translateFsError(error: unknown, context: FsErrorContext = {}): Error {
  // Translated lower down: keep its words, take the exit code this caller gives (a node's store write).
  if (isStagingError(error) && error.code.startsWith("E_FS_") && context.exitCode !== undefined)
    return error.exitCode === context.exitCode ? error : restamp(error, context.exitCode);
  if (!isUserFsError(error)) return error instanceof Error ? error : new Error(String(error));
  const code = error.code!;
  const explained = EXPLAINED[code]!;
  const path = context.path ?? errorPath(error) ?? "(unknown path)";
  const action = context.action ?? actionOf(error.syscall, path);
  return new StagingError(`${explained.headline}: cannot ${action}`, {
    code: `E_FS_${code}`,
    exitCode: context.exitCode ?? ExitCode.badInput,
    facts: {
      file: path,
      field: context.field,
      operation: error.syscall,
      error: code,
    },
    hint: explained.hint(path),
    cause: error,
  });
}

/** Runs `work`, translating the fs errors it throws (see `translateFsError`). */
export async function withFsErrors<T>(context: FsErrorContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translateFsError(error, context);
  }
}

function restamp(error: StagingError, exitCode: ExitCode): StagingError {
  return new StagingError(error.message, {
    code: error.code,
    exitCode,
    facts: error.facts,
    ...(error.hint !== undefined ? { hint: error.hint } : {}),
    cause: error.cause,
  });
}

function errorPath(error: NodeJS.ErrnoException & { dest?: string }): string | undefined {
  // A copy or rename that fills the disk fails at its destination.
  if (error.dest !== undefined && ["ENOSPC", "EDQUOT", "EROFS", "EXDEV"].includes(error.code ?? ""))
    return error.dest;
  return error.path;
}

function actionOf(syscall: string | undefined, path: string): string {
  const verb: Record<string, string> = {
    open: "open",
    read: "read",
    write: "write",
    mkdir: "create the folder",
    rename: "rename",
    unlink: "remove",
    rmdir: "remove",
    scandir: "list",
    stat: "look at",
    lstat: "look at",
    copyfile: "copy to",
    symlink: "create the symlink",
    link: "create",
    fsync: "flush",
    chmod: "change the mode of",
  };
  return `${verb[syscall ?? ""] ?? syscall ?? "use"} ${path}`;
}
