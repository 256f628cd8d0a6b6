import { describe, expect, it } from "vitest";
import { ExitCode, StagingError, translateFsError, USER_FS_ERRORS } from "../../../src/errors/index.js";

function fsError(code: string, syscall: string, path: string, dest?: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall} '${path}'`), {
    code,
    syscall,
    path,
    ...(dest ? { dest } : {}),
  });
}

describe("translateFsError", () => {
  it.each(USER_FS_ERRORS.map((code) => [code]))(
    "turns %s into a StagingError naming the path and what to do",
    (code) => {
      const error = translateFsError(fsError(code, "open", "/ws/.staging/lock"));
      expect(error).toBeInstanceOf(StagingError);
      const e = error as StagingError;
      expect(e.code).toBe(`E_FS_${code}`);
      expect(e.exitCode).toBe(ExitCode.badInput);
      expect(e.facts).toMatchObject({ file: "/ws/.staging/lock", operation: "open", error: code });
      expect(e.hint).toBeTruthy();
      expect(e.format()).not.toMatch(/\n\s+at /);
    },
  );

  it("says what staging was doing, with the field and the exit code of a failed node", () => {
    const e = translateFsError(fsError("ENOSPC", "write", "/ws/.staging/records.log"), {
      action: "append to the store's record log",
      field: "records.log",
      exitCode: ExitCode.nodeFailed,
    }) as StagingError;
    expect(e.format()).toBe(
      [
        "error: No space left on the device: cannot append to the store's record log",
        "  file:      /ws/.staging/records.log",
        "  field:     records.log",
        "  operation: write",
        "  error:     ENOSPC",
        "hint: free space on the file system that holds /ws/.staging (df -h /ws/.staging), then run the same command again",
      ].join("\n"),
    );
    expect(e.exitCode).toBe(1);
  });

  it("names the destination of a copy that filled the disk, the source of one that could not be read", () => {
    const full = translateFsError(fsError("ENOSPC", "copyfile", "/src/a.bin", "/dst/a.bin")) as StagingError;
    expect(full.facts.file).toBe("/dst/a.bin");
    expect(full.message).toBe("No space left on the device: cannot copy to /dst/a.bin");
    const denied = translateFsError(
      fsError("EACCES", "copyfile", "/src/a.bin", "/dst/a.bin"),
    ) as StagingError;
    expect(denied.facts.file).toBe("/src/a.bin");
  });

  it("leaves other errors and StagingErrors as they are", () => {
    const other = fsError("ENOENT", "open", "/x");
    expect(translateFsError(other)).toBe(other);
    const staging = new StagingError("x", { code: "E_X" });
    expect(translateFsError(staging)).toBe(staging);
    const bug = new TypeError("undefined is not a function");
    expect(translateFsError(bug)).toBe(bug);
  });
});
