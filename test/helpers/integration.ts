/**
 * Integration tests need real services (sshd, dockerd, chromium). On a laptop without them they
 * skip; in CI (`STAGING_REQUIRE_INTEGRATION=1`) a missing service is a failure.
 */
export function requireOrSkip(available: boolean, what: string): boolean {
  if (available) return true;
  if (process.env.STAGING_REQUIRE_INTEGRATION === "1") {
    throw new Error(`${what} is required (STAGING_REQUIRE_INTEGRATION=1) but not available`);
  }
  return false;
}
