package demo;

/** A request the function refuses: answered with 400 and {"error": message}. */
final class BadInput extends Exception {
  private static final long serialVersionUID = 1L;

  BadInput(String message) {
    super(message, null, false, false);
  }
}
