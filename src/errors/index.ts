export { ExitCode, StagingError, isStagingError } from "./StagingError.js";
export type { ErrorFacts, StagingErrorOptions } from "./StagingError.js";
