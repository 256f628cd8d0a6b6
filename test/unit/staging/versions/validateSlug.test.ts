import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isStagingError } from "../../../../src/errors/index.js";
import {
  RESERVED_SLUGS,
  SLUG_RULE,
  parseFromSpec,
  validateSlug,
} from "../../../../src/staging/versions/index.js";

function errorOf(action: () => unknown): { code: string; message: string; exitCode: number } {
  try {
    action();
  } catch (error) {
    if (isStagingError(error)) return error;
    throw error;
  }
  throw new Error("expected a StagingError");
}

describe("validateSlug", () => {
  it.each([
    "a",
    "0",
    "cp-rust-m3-20260222-200159",
    "control-plane-rust-m3-axum-port-20260222-200159",
    "a".repeat(63),
    "x-",
    "9lives",
  ])("accepts %j", (slug) => expect(validateSlug(slug)).toBe(slug));

  it.each([
    "",
    "-a",
    "A",
    "aB",
    "a b",
    "a_b",
    "a.b",
    "../x",
    "a/b",
    "$(id)",
    "'q'",
    '"q"',
    "a\nb",
    "a".repeat(64),
    "é",
    "a\u0000",
  ])("refuses %j with the rule in the message", (slug) => {
    const error = errorOf(() => validateSlug(slug));
    expect(error.code).toBe("E_SLUG");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`Invalid version slug ${JSON.stringify(slug)}: use ${SLUG_RULE}`);
  });

  it.each(RESERVED_SLUGS)("refuses the reserved word %s", (slug) => {
    const error = errorOf(() => validateSlug(slug));
    expect(error.code).toBe("E_SLUG_RESERVED");
    expect(error.message).toBe(`Invalid version slug "${slug}": it is a reserved word`);
  });

  it("reserves the documented words", () => {
    for (const word of [
      "baseline",
      "candidate",
      "none",
      "version",
      "all",
      "campaign",
      "images",
      "staging",
      "tmp",
    ]) {
      expect(RESERVED_SLUGS).toContain(word);
    }
  });

  it("accepts exactly the strings of the rule, and none of them can leave the versions folder", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 70 }), (slug) => {
        const ok = /^[a-z0-9][a-z0-9-]{0,62}$/.test(slug) && !RESERVED_SLUGS.includes(slug);
        let accepted = true;
        try {
          validateSlug(slug);
        } catch {
          accepted = false;
        }
        expect(accepted).toBe(ok);
        if (accepted) expect(slug).not.toMatch(/[/\\.\s]/);
      }),
      { numRuns: 500 },
    );
  });
});

describe("parseFromSpec", () => {
  it("reads baseline, none and version:<slug>", () => {
    expect(parseFromSpec("baseline")).toBe("baseline");
    expect(parseFromSpec("none")).toBe("none");
    expect(parseFromSpec("version:cp-1")).toEqual({ version: "cp-1" });
  });

  it("refuses anything else", () => {
    expect(errorOf(() => parseFromSpec("latest")).code).toBe("E_FROM");
    expect(errorOf(() => parseFromSpec("version:../x")).code).toBe("E_SLUG");
    expect(errorOf(() => parseFromSpec("version:")).code).toBe("E_SLUG");
  });
});
