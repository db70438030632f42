package io.sluice.policies.rego.lexer;

/** Kinds of Rego tokens. Keywords are IDENT tokens; the parser decides by context. */
public enum TokenKind {
  IDENT, STRING, NUMBER,
  LBRACE("{"), RBRACE("}"), LBRACK("["), RBRACK("]"), LPAREN("("), RPAREN(")"),
  DOT("."), COMMA(","), SEMI(";"), COLON(":"),
  ASSIGN(":="), UNIFY("="), EQ("=="), NEQ("!="), LT("<"), LTE("<="), GT(">"), GTE(">="),
  PLUS("+"), MINUS("-"), STAR("*"), SLASH("/"), PERCENT("%"), AMP("&"), BAR("|"),
  EOF;

  private final String text;

  TokenKind() {
    this.text = name().toLowerCase(java.util.Locale.ROOT);
  }

  TokenKind(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}
