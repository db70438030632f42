package io.sluice.policies.rego.parser;

import io.sluice.policies.rego.RegoError;
import io.sluice.policies.rego.SourcePos;
import io.sluice.policies.rego.lexer.Token;
import io.sluice.policies.rego.lexer.TokenKind;
import java.util.List;
import java.util.Set;

/** The token stream shared by the statement and term parsers, with OPA-style error helpers. */
final class TokenCursor {
  static final Set<String> RESERVED = Set.of("if", "else", "contains", "in", "not", "some", "every",
      "with", "as", "import", "package", "default");

  private final List<Token> toks;
  int p;

  TokenCursor(List<Token> toks) {
    this.toks = toks;
  }

  /** Thrown internally and converted into a compile exception at the parser's entry points. */
  static final class ParseError extends RuntimeException {
    final RegoError error;

    ParseError(RegoError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }
  }


  Token cur() {
    return toks.get(p);
  }

  Token peek(int n) {
    return toks.get(Math.min(p + n, toks.size() - 1));
  }

  Token next() {
    return toks.get(p++);
  }

  boolean at(TokenKind k) {
    return cur().kind() == k;
  }

  Token expect(TokenKind k) {
    if (!at(k)) {
      throw unexpected();
    }
    return next();
  }

  void expectKeyword(String kw) {
    if (!cur().isKeyword(kw)) {
      throw unexpected();
    }
    p++;
  }

  ParseError unexpected() {
    return unexpectedAt(cur());
  }

  ParseError unexpectedAt(Token t) {
    String what = switch (t.kind()) {
      case EOF -> "unexpected eof token";
      case IDENT -> RESERVED.contains(t.text()) ? "unexpected " + t.text() + " keyword" : "unexpected ident token";
      case STRING -> "unexpected string token";
      case NUMBER -> "unexpected number token";
      default -> "unexpected " + t.kind().text() + " token";
    };
    return error(t.pos(), what);
  }

  ParseError error(SourcePos pos, String msg) {
    return new ParseError(new RegoError("rego_parse_error", msg, pos));
  }
}
