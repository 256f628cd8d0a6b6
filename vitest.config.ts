import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests start real services (sshd, dockerd, the demo): keep them off each other's cores.
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ["default"],
  },
});
