/** One k6 stage: ramp to `target` VUs over `duration` (a k6 duration such as `30s` or `1m30s`). */
export interface K6Stage {
  duration: string;
  target: number;
}

/** What the k6 driver needs beyond the common load shape. */
export interface K6LoadOptions {
  /** Path of the k6 script as the target sees it (the caller resolves `benchmark/<script>`). */
  script: string;
  /** Passed as `--stage duration:target` flags; they replace the script's own scenarios. */
  stages?: K6Stage[];
}

/** The benchmark's `load` section, defaults applied. */
export interface LoadShape {
  /** Discarded warm-up before the measured window. @default 3 */
  warmup_s: number;
  /** Measured window. @default 10 */
  duration_s: number;
  /** Closed loop: concurrent connections (autocannon) or VUs (k6 warm-up). @default 8 */
  connections: number;
  /** Fixed arrival rate in requests per second; absent means closed loop. */
  rate?: number;
  /** A request slower than this is a failed request. @default 10 */
  timeout_s: number;
  /** Only for the k6 driver. */
  k6?: K6LoadOptions;
}

/** One request body of a function's corpus and the sha256 (hex) of the response it must produce. */
export interface LoadBody {
  body: string;
  responseSha256: string;
}

/** One function of the benchmark's `requests`, its corpus loaded. */
export interface LoadRequestSpec {
  name: string;
  method: string;
  path: string;
  /** Share of the traffic relative to the other functions; must be > 0. */
  weight: number;
  contentType: string;
  bodies: LoadBody[];
}

export interface LoadInput {
  /** Base URL of the deployment; only loopback hosts (127.0.0.1, localhost, ::1) are accepted. */
  url: string;
  load: LoadShape;
  requests: LoadRequestSpec[];
  /** How many responses are checked against `responseSha256`. */
  responseSample: number;
  /** A local folder for raw output (driver logs, raw summaries, mismatching bodies). */
  workDir: string;
  /** Seeds the request order. */
  seed: number;
}

/** Latency of the measured window, microseconds; `null` when the source does not provide it. */
export interface LatencySummaryUs {
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
  count: number | null;
}

/** An HdrHistogram of per-request latencies in microseconds, as hdr-histogram-js compressed base64. */
export interface LatencyHistogram {
  format: "hdr-histogram-js/compressed-base64";
  unit: "us";
  encoded: string;
}

export interface LoadRequestCounts {
  /** Requests that got a successful (2xx for autocannon, not `http_req_failed` for k6) response. */
  completed: number | null;
  /** Non-2xx responses, timeouts, socket errors. */
  failed: number | null;
  /** Requests a fixed-rate schedule wanted but never sent (k6 `dropped_iterations`). */
  notSent: number | null;
}

/**
 * One request name of the benchmark (a `requests` key) within a load run: its own latencies and
 * counts, measured as the whole is. A failure counts where the request was sent: a non-2xx answer,
 * a timeout, or a connection lost while it was in flight.
 */
export interface EndpointLoad {
  latencyUs: LatencySummaryUs;
  /** Null when no response of this name arrived, or the driver has no histogram (k6). */
  histogram: LatencyHistogram | null;
  completed: number | null;
  failed: number | null;
  /** Successful responses of this name per second over the window. */
  throughput: number | null;
  /** failed / (completed + failed). */
  failRate: number | null;
}

/** What a load run measured, over the measured window only (the warm-up is discarded). */
export interface LoadResult {
  driver: "autocannon" | "k6";
  latencyUs: LatencySummaryUs;
  histogram: LatencyHistogram | null;
  /** Responses per HTTP status code, e.g. `{ "200": 980, "500": 20 }`. */
  statusCounts: Record<string, number>;
  /** Failed requests by kind: `non2xx`, `timeout`, `socket`, `closed` (autocannon), `http_req_failed` (k6). */
  errors: Record<string, number>;
  requests: LoadRequestCounts;
  /** Successful requests per second over the window. */
  throughput: number | null;
  windowS: number | null;
  /** failed / (completed + failed). */
  failRate: number | null;
  responseMismatches: number;
  responsesChecked: number;
  /**
   * Per request name, in the order of `LoadInput.requests`; empty when the driver could not tell
   * the names apart (`unavailable.endpoints` says why).
   */
  endpoints: Record<string, EndpointLoad>;
  /** Why this run must not be compared; empty for a valid run. */
  invalidReasons: string[];
  /** Field path (`latencyUs.p99`, `throughput`, ...) -> why it is `null` or not measured. */
  unavailable: Record<string, string>;
}

/** Drives load against one deployment and measures it. */
export interface LoadDriver {
  readonly name: "autocannon" | "k6";
  /** Aborting stops the load and rejects with the signal's reason. */
  run(input: LoadInput, signal?: AbortSignal): Promise<LoadResult>;
}
