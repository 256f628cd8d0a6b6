package demo;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The functions the service serves at POST /functions/{name}/invoke. */
final class Functions {
  static final List<String> NAMES = List.of("word-stats", "json-transform");
  /** Request bodies larger than this are refused with 413. */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  private Functions() {}

  static boolean isName(String name) {
    return NAMES.contains(name);
  }

  /** Runs one function on a raw request body. Error bodies never carry the JVM's own messages. */
  static FunctionResponse invoke(String name, byte[] body) {
    if (body.length > MAX_BODY_BYTES) return tooLarge();
    try {
      String text = decodeUtf8(body);
      String json = name.equals("word-stats") ? WordStats.json(text) : JsonTransform.json(JsonParser.parse(text));
      return new FunctionResponse(200, json);
    } catch (BadInput e) {
      return FunctionResponse.error(400, e.getMessage());
    }
  }

  static FunctionResponse tooLarge() {
    return FunctionResponse.error(413, "body exceeds " + MAX_BODY_BYTES + " bytes");
  }

  /** Strict UTF-8 (as TextDecoder with fatal: true), a leading byte order mark dropped. */
  private static String decodeUtf8(byte[] body) throws BadInput {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BadInput("body is not valid UTF-8");
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
