/** A request the function refuses: answered with 400 and `{"error": message}`. */
export class BadInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BadInput";
  }
}
