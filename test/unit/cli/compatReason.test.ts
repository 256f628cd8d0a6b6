import { describe, expect, it } from "vitest";
import { compatReason } from "../../../src/cli/actions/buildImages.js";

const plain = { forceRebuildImages: false };

describe("compatReason: the prototype's cache-decision words beside staging's reason", () => {
  it.each([
    ["never run", "would-run", plain, "mode-missing (never run)"],
    ["interrupted before it completed", "executed", plain, "mode-missing (interrupted before it completed)"],
    ["forced", "executed", { forceRebuildImages: true }, "forced-all (forced)"],
    ["forced", "executed", plain, "forced-mode (forced)"],
    [
      "files changed: snapshot/a.txt; upstream changed: fingerprint:v1",
      "executed",
      plain,
      "snapshot-fingerprint-mismatch (files changed: snapshot/a.txt; upstream changed: fingerprint:v1)",
    ],
    [
      "upstream fingerprint:v1 would run",
      "would-run",
      plain,
      "snapshot-fingerprint-mismatch (upstream fingerprint:v1 would run)",
    ],
    [
      "files changed: recipe/docker/one.Dockerfile",
      "executed",
      plain,
      "build-fingerprint-mismatch (files changed: recipe/docker/one.Dockerfile)",
    ],
    ["live check: image-missing", "executed", plain, "image-missing (live check: image-missing)"],
    ["up to date", "up-to-date", plain, "cache-hit"],
  ])("%s (%s)", (reason, status, flags, words) => {
    expect(compatReason(reason, status, flags)).toBe(words);
  });
});
