import type { ModeConfig } from "./StagingConfig.js";

/**
 * The seed's builds, used when a workspace is opened with `--workspace` and no config file (the
 * layout of the Python prototype's workspaces, docs/prototype.md), both built with docker on the
 * target: `jvm` from the snapshot's `control-plane/Dockerfile`; `native` from its
 * `control-plane/Dockerfile.native` if the snapshot has one, else by its `scripts/build-native.sh`.
 * The build context is the snapshot's root.
 */
export function seedModes(): Record<string, ModeConfig> {
  return {
    jvm: {
      build: {
        dockerfile: "{snapshot}/control-plane/Dockerfile",
        hint: "the jvm image is built from the snapshot's control-plane/Dockerfile, with the snapshot's root as its context",
      },
    },
    native: {
      build: {
        dockerfile: "{snapshot}/control-plane/Dockerfile.native",
        script: "{snapshot}/scripts/build-native.sh",
        hint: "the native image is built from the snapshot's control-plane/Dockerfile.native, else by its scripts/build-native.sh (which must build $STAGING_IMAGE)",
      },
    },
  };
}
