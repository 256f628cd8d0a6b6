package demo;

/** What the server sends: the status and the exact body (a JSON text). */
record FunctionResponse(int status, String body) {
  static FunctionResponse error(int status, String message) {
    StringBuilder out = new StringBuilder("{\"error\":");
    Json.string(out, message);
    return new FunctionResponse(status, out.append('}').toString());
  }
}
