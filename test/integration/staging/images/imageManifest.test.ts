import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeImageManifest, type ImageManifestEntry } from "../../../../src/staging/images/imageManifest.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";

const entry = (id: string): ImageManifestEntry => ({
  image_ref: id,
  image_id: id,
  build_fingerprint: "b",
  snapshot_fingerprint: "s",
  built_at: "t",
  target: "local",
  kind: "artifact",
});

describe("versions/<slug>/images/manifest.json", () => {
  it("keeps every mode when the modes of a version are recorded at the same time", async () => {
    const dir = useTmpDir({ "images/manifest.json": JSON.stringify({ modes: {}, note: "kept" }) });
    await Promise.all(
      ["jvm", "native", "bun", "node"].map((mode) => writeImageManifest(dir, mode, entry(mode))),
    );
    const manifest = JSON.parse(readFileSync(join(dir, "images/manifest.json"), "utf8")) as {
      modes: Record<string, unknown>;
      note: string;
    };
    expect(Object.keys(manifest.modes)).toEqual(["bun", "jvm", "native", "node"]);
    expect(manifest.note).toBe("kept");
  });
});
