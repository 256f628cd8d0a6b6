export { ExitCode, StagingError, isStagingError } from "./StagingError.js";
export type { ErrorFacts, StagingErrorOptions } from "./StagingError.js";
export { USER_FS_ERRORS, isUserFsError, translateFsError, withFsErrors } from "./fsError.js";
export type { FsErrorContext } from "./fsError.js";
export { errorLine } from "./errorLine.js";
