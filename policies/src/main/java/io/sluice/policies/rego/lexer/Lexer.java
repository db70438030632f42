package io.sluice.policies.rego.lexer;

import io.sluice.policies.rego.RegoError;
import io.sluice.policies.rego.SourcePos;
import java.util.ArrayList;
import java.util.List;

/** Turns Rego source into tokens; errors are reported like OPA's rego_parse_error. */
public final class Lexer {
  private final String file;
  private final String src;
  private int i;
  private int line = 1;
  private int col = 1;

  public Lexer(String file, String src) {
    this.file = java.util.Objects.requireNonNull(file, "file is null");
    this.src = java.util.Objects.requireNonNull(src, "src is null");
  }

  /** Thrown for a lexical error; the parser turns it into a compile error. */
  public static final class LexException extends RuntimeException {
    private final RegoError error;

    public LexException(RegoError error) {
      super(error.toString());
      this.error = error;
    }

    public RegoError error() {
      return error;
    }
  }

  public List<Token> tokenize() {
    List<Token> out = new ArrayList<>();
    boolean nl = false;
    boolean ws = false;
    while (true) {
      // skip whitespace and comments, remembering whether a newline was crossed
      while (i < src.length()) {
        char c = src.charAt(i);
        if (c == '\n') {
          nl = true;
          ws = true;
          advance();
        } else if (c == ' ' || c == '\t' || c == '\r') {
          ws = true;
          advance();
        } else if (c == '#') {
          while (i < src.length() && src.charAt(i) != '\n') {
            advance();
          }
        } else {
          break;
        }
      }
      SourcePos pos = new SourcePos(file, line, col);
      if (i >= src.length()) {
        out.add(new Token(TokenKind.EOF, "", pos, true, true));
        return out;
      }
      char c = src.charAt(i);
      Token t;
      if (Character.isLetter(c) || c == '_') {
        int s = i;
        while (i < src.length() && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
          advance();
        }
        t = new Token(TokenKind.IDENT, src.substring(s, i), pos, nl, ws);
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < src.length() && Character.isDigit(src.charAt(i + 1))
          && !(out.size() > 0 && !ws && endsOperand(out.get(out.size() - 1))))) {
        t = new Token(TokenKind.NUMBER, number(pos), pos, nl, ws);
      } else if (c == '"') {
        t = new Token(TokenKind.STRING, string(pos), pos, nl, ws);
      } else if (c == '`') {
        advance();
        int s = i;
        while (i < src.length() && src.charAt(i) != '`') {
          advance();
        }
        if (i >= src.length()) {
          throw err(pos, "non-terminated raw string");
        }
        String raw = src.substring(s, i);
        advance();
        t = new Token(TokenKind.STRING, raw, pos, nl, ws);
      } else {
        TokenKind k = operator();
        if (k == null) {
          throw err(pos, "illegal token");
        }
        t = new Token(k, k.text(), pos, nl, ws);
      }
      out.add(t);
      nl = false;
      ws = false;
    }
  }

  private static boolean endsOperand(Token t) {
    return t.kind() == TokenKind.IDENT || t.kind() == TokenKind.RBRACK || t.kind() == TokenKind.RPAREN
        || t.kind() == TokenKind.RBRACE || t.kind() == TokenKind.STRING;
  }

  private TokenKind operator() {
    char c = src.charAt(i);
    char n = i + 1 < src.length() ? src.charAt(i + 1) : '\0';
    TokenKind two = switch ("" + c + n) {
      case ":=" -> TokenKind.ASSIGN;
      case "==" -> TokenKind.EQ;
      case "!=" -> TokenKind.NEQ;
      case "<=" -> TokenKind.LTE;
      case ">=" -> TokenKind.GTE;
      default -> null;
    };
    if (two != null) {
      advance();
      advance();
      return two;
    }
    TokenKind one = switch (c) {
      case '{' -> TokenKind.LBRACE;
      case '}' -> TokenKind.RBRACE;
      case '[' -> TokenKind.LBRACK;
      case ']' -> TokenKind.RBRACK;
      case '(' -> TokenKind.LPAREN;
      case ')' -> TokenKind.RPAREN;
      case '.' -> TokenKind.DOT;
      case ',' -> TokenKind.COMMA;
      case ';' -> TokenKind.SEMI;
      case ':' -> TokenKind.COLON;
      case '=' -> TokenKind.UNIFY;
      case '<' -> TokenKind.LT;
      case '>' -> TokenKind.GT;
      case '+' -> TokenKind.PLUS;
      case '-' -> TokenKind.MINUS;
      case '*' -> TokenKind.STAR;
      case '/' -> TokenKind.SLASH;
      case '%' -> TokenKind.PERCENT;
      case '&' -> TokenKind.AMP;
      case '|' -> TokenKind.BAR;
      default -> null;
    };
    if (one != null) {
      advance();
    }
    return one;
  }

  private String number(SourcePos pos) {
    int s = i;
    while (i < src.length() && Character.isDigit(src.charAt(i))) {
      advance();
    }
    if (i < src.length() && src.charAt(i) == '.' && i + 1 < src.length() && Character.isDigit(src.charAt(i + 1))) {
      advance();
      while (i < src.length() && Character.isDigit(src.charAt(i))) {
        advance();
      }
    }
    if (i < src.length() && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
      int save = i;
      advance();
      if (i < src.length() && (src.charAt(i) == '+' || src.charAt(i) == '-')) {
        advance();
      }
      if (i < src.length() && Character.isDigit(src.charAt(i))) {
        while (i < src.length() && Character.isDigit(src.charAt(i))) {
          advance();
        }
      } else {
        i = save;
      }
    }
    if (i < src.length() && (Character.isLetter(src.charAt(i)) || src.charAt(i) == '_')) {
      throw err(pos, "illegal number format");
    }
    return src.substring(s, i);
  }

  private String string(SourcePos pos) {
    advance();
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (i >= src.length() || src.charAt(i) == '\n') {
        throw err(pos, "non-terminated string");
      }
      char c = src.charAt(i);
      if (c == '"') {
        advance();
        return sb.toString();
      }
      if (c == '\\') {
        advance();
        if (i >= src.length()) {
          throw err(pos, "non-terminated string");
        }
        char e = src.charAt(i);
        advance();
        switch (e) {
          case '"' -> sb.append('"');
          case '\\' -> sb.append('\\');
          case '/' -> sb.append('/');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (i + 4 > src.length()) {
              throw err(pos, "illegal escape sequence");
            }
            try {
              sb.append((char) Integer.parseInt(src.substring(i, i + 4), 16));
            } catch (NumberFormatException ex) {
              throw err(pos, "illegal escape sequence");
            }
            for (int k = 0; k < 4; k++) {
              advance();
            }
          }
          default -> throw err(pos, "illegal escape sequence");
        }
      } else {
        sb.append(c);
        advance();
      }
    }
  }

  private void advance() {
    if (src.charAt(i) == '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
    i++;
  }

  private LexException err(SourcePos pos, String msg) {
    return new LexException(new RegoError("rego_parse_error", msg, pos));
  }
}
