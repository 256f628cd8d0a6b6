import type { DockerCli } from "../../drivers/docker/index.js";
import type { DeployDriver, Deployment } from "../../drivers/deploy/index.js";
import type { ImageOutput } from "../images/ImageOutput.js";

/** The deploy drivers of this workspace on its target: built once by the command line, passed in. */
export interface DeployDrivers {
  /** The driver a new deployment of this image in this mode uses. */
  forImage(image: ImageOutput, mode: string): DeployDriver;
  /** The driver of an existing deployment. */
  byKind(kind: Deployment["driver"]): DeployDriver;
  /** Docker on the target: memory peaks and CPU of containers. */
  readonly dockerCli: DockerCli;
  /** What a deployment needs on the target before it starts (Helm builds from the uploaded snapshot). */
  prepare(slug: string, mode: string, image: ImageOutput): Promise<void>;
  /**
   * Everything this workspace runs, sorted by name; Docker being absent is not an error.
   * Containers only when `containers` (default true): asking docker costs a process.
   */
  list(options?: { containers?: boolean }): Promise<Deployment[]>;
}
