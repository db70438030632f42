package io.sluice.policies.rego.lexer;

import io.sluice.policies.rego.SourcePos;
import java.util.Objects;

/**
 * A token. {@code newlineBefore} and {@code spaceBefore} matter: newlines separate body
 * statements, and a ref continues with '.', '[' or '(' only when nothing separates them.
 */
public record Token(TokenKind kind, String text, SourcePos pos, boolean newlineBefore, boolean spaceBefore) {
  public Token {
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(text, "text is null");
    Objects.requireNonNull(pos, "pos is null");
  }

  public boolean is(TokenKind k) {
    return kind == k;
  }

  public boolean isKeyword(String word) {
    return kind == TokenKind.IDENT && text.equals(word);
  }
}
