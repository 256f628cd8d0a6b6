import { join } from "node:path";
import { defineTask } from "../src/engine/defineTask.js";
import { nodeIds } from "../src/staging/graph/nodeIds.js";
import { identityWith } from "../src/targets/probeTools.js";
import { buildImage, checkImage, recipeKey, type ImageBuild } from "../src/staging/images/buildImage.js";
import type { ImageOutput } from "../src/staging/images/ImageOutput.js";
import { fingerprintTask } from "./fingerprint.js";

export type { ImageOutput } from "../src/staging/images/ImageOutput.js";

/** `image:<version>:<mode>`: the version built by the mode's recipe, an artifact or a Docker image. */
export const imageTask = defineTask<ImageBuild, ImageOutput, { slug: string; mode: string }>({
  name: "image",
  version: "1",
  id: (p) => nodeIds.image(p.slug, p.mode),
  deps: (p) => [nodeIds.fingerprint(p.slug)],
  inputs: (p) => ({
    values: {
      recipe: recipeKey(p.recipe, p.configDir),
      builder: p.builder,
      // The machine, not its tool list: installing docker must not rebuild every artifact.
      builtOn: p.recipe.command
        ? { id: p.localIdentity.id, os: p.localIdentity.os, arch: p.localIdentity.arch }
        : null,
      // The target and the one tool a docker build runs there: upgrading helm rebuilds nothing.
      target: p.builder === "docker" ? identityWith(p.targetIdentity, ["docker"]) : null,
    },
    // The snapshot itself too: a build reads it, so an edit during the build leaves the node stale.
    files: [
      { name: "snapshot", root: join(p.versionDir, "snapshot") },
      ...(p.builder === "docker" && p.recipe.dockerfile
        ? [{ name: "recipe", root: p.workspaceRoot, include: [p.recipe.dockerfile] }]
        : []),
    ],
  }),
  run: async (p, ctx) => {
    const { snapshot_fingerprint } = ctx.get(fingerprintTask.ref({ slug: p.slug }));
    return buildImage(p, snapshot_fingerprint, {
      nodeId: ctx.id,
      signal: ctx.signal,
      fresh: ctx.reasonKind === "forced",
    });
  },
  check: async (p, record) => checkImage(p, record.output),
});
