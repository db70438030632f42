package io.sluice.policies.rego.parser;

import io.sluice.policies.rego.ast.Literal;
import io.sluice.policies.rego.ast.Term;
import io.sluice.policies.rego.lexer.Token;
import io.sluice.policies.rego.lexer.TokenKind;
import io.sluice.policies.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Parses terms by precedence climbing, lowest first: {@code in}, relations, {@code |},
 * {@code &}, {@code + -}, {@code * / %}, unary minus, then primaries with ref/call suffixes.
 * Comprehension bodies are parsed by the statement parser through {@code bodies}.
 */
final class TermParser {
  private static final AtomicLong WILDCARDS = new AtomicLong();

  private final TokenCursor c;
  private final Function<TokenKind, List<Literal>> bodies;
  private boolean noBar;

  TermParser(TokenCursor c, Function<TokenKind, List<Literal>> bodies) {
    this.c = c;
    this.bodies = bodies;
  }


  Term term() {
    Term left = relation();
    while (c.cur().isKeyword("in")) {
      Token op = c.next();
      Term right = relation();
      left = new Term.Call("internal.member_2", List.of(left, right), op.pos());
    }
    return left;
  }

  Term relation() {
    Term left = union();
    while (true) {
      String op = switch (c.cur().kind()) {
        case EQ -> "equal";
        case NEQ -> "neq";
        case LT -> "lt";
        case LTE -> "lte";
        case GT -> "gt";
        case GTE -> "gte";
        default -> null;
      };
      if (op == null) {
        return left;
      }
      c.p++;
      left = new Term.Call(op, List.of(left, union()), left.pos());
    }
  }

  Term union() {
    Term left = intersection();
    while (c.at(TokenKind.BAR) && !noBar) {
      c.p++;
      left = new Term.Call("or", List.of(left, intersection()), left.pos());
    }
    return left;
  }

  Term intersection() {
    Term left = arith();
    while (c.at(TokenKind.AMP)) {
      c.p++;
      left = new Term.Call("and", List.of(left, arith()), left.pos());
    }
    return left;
  }

  Term arith() {
    Term left = factor();
    while (c.at(TokenKind.PLUS) || c.at(TokenKind.MINUS)) {
      String op = c.next().is(TokenKind.PLUS) ? "plus" : "minus";
      left = new Term.Call(op, List.of(left, factor()), left.pos());
    }
    return left;
  }

  Term factor() {
    Term left = unary();
    while (c.at(TokenKind.STAR) || c.at(TokenKind.SLASH) || c.at(TokenKind.PERCENT)) {
      String op = switch (c.next().kind()) {
        case STAR -> "mul";
        case SLASH -> "div";
        default -> "rem";
      };
      left = new Term.Call(op, List.of(left, unary()), left.pos());
    }
    return left;
  }

  Term unary() {
    if (c.at(TokenKind.MINUS)) {
      Token m = c.next();
      if (c.at(TokenKind.NUMBER) && !c.cur().spaceBefore()) {
        Token n = c.next();
        return postfix(new Term.Scalar(new Value.Num(new BigDecimal(n.text()).negate()), m.pos()));
      }
      Term operand = unary();
      return new Term.Call("minus", List.of(new Term.Scalar(Value.num(0), m.pos()), operand), m.pos());
    }
    return postfix(primary());
  }

  Term primary() {
    Token t = c.cur();
    switch (t.kind()) {
      case NUMBER -> {
        c.p++;
        return new Term.Scalar(new Value.Num(new BigDecimal(t.text())), t.pos());
      }
      case STRING -> {
        c.p++;
        return new Term.Scalar(Value.str(t.text()), t.pos());
      }
      case IDENT -> {
        c.p++;
        switch (t.text()) {
          case "true" -> {
            return new Term.Scalar(Value.TRUE, t.pos());
          }
          case "false" -> {
            return new Term.Scalar(Value.FALSE, t.pos());
          }
          case "null" -> {
            return new Term.Scalar(Value.NULL, t.pos());
          }
          case "set" -> {
            if (c.at(TokenKind.LPAREN) && c.peek(1).is(TokenKind.RPAREN) && !c.cur().spaceBefore()) {
              c.p += 2;
              return new Term.SetTerm(List.of(), t.pos());
            }
          }
          default -> {
            boolean call = c.at(TokenKind.LPAREN) && !c.cur().spaceBefore() && t.text().equals("contains");
            if (TokenCursor.RESERVED.contains(t.text()) && !call) {
              c.p--;
              throw c.unexpected();
            }
          }
        }
        String name = t.text().equals("_") ? "$_" + WILDCARDS.incrementAndGet() : t.text();
        return new Term.Var(name, t.pos());
      }
      case LPAREN -> {
        c.p++;
        boolean saved = noBar;
        noBar = false;
        Term inner = term();
        noBar = saved;
        c.expect(TokenKind.RPAREN);
        return inner;
      }
      case LBRACK -> {
        return arrayOrCompr();
      }
      case LBRACE -> {
        return braceTerm();
      }
      default -> throw c.unexpected();
    }
  }

  Term postfix(Term base) {
    Term cur = base;
    List<Term> path = new ArrayList<>();
    while (!c.cur().spaceBefore() && (c.at(TokenKind.DOT) || c.at(TokenKind.LBRACK) || c.at(TokenKind.LPAREN))) {
      if (c.at(TokenKind.DOT)) {
        c.p++;
        Token id = c.expect(TokenKind.IDENT);
        path.add(new Term.Scalar(Value.str(id.text()), id.pos()));
      } else if (c.at(TokenKind.LBRACK)) {
        c.p++;
        boolean saved = noBar;
        noBar = false;
        path.add(term());
        noBar = saved;
        c.expect(TokenKind.RBRACK);
      } else {
        Token open = c.next();
        String name = callName(cur, path, open);
        boolean saved = noBar;
        noBar = false;
        List<Term> args = termList(TokenKind.RPAREN);
        noBar = saved;
        cur = new Term.Call(name, args, base.pos());
        path = new ArrayList<>();
      }
    }
    return path.isEmpty() ? cur : new Term.Ref(cur, path, base.pos());
  }

  String callName(Term head, List<Term> path, Token at) {
    if (!(head instanceof Term.Var v)) {
      throw c.error(at.pos(), "invalid call");
    }
    StringBuilder sb = new StringBuilder(v.name());
    for (Term t : path) {
      if (t instanceof Term.Scalar s && s.value() instanceof Value.Str str) {
        sb.append('.').append(str.value());
      } else {
        throw c.error(at.pos(), "invalid call");
      }
    }
    return sb.toString();
  }

  List<Term> termList(TokenKind end) {
    List<Term> out = new ArrayList<>();
    while (!c.at(end)) {
      out.add(term());
      if (c.at(TokenKind.COMMA)) {
        c.p++;
      } else if (!c.at(end)) {
        throw c.unexpected();
      }
    }
    c.p++;
    return out;
  }

  Term arrayOrCompr() {
    Token open = c.next();
    if (c.at(TokenKind.RBRACK)) {
      c.p++;
      return new Term.ArrayTerm(List.of(), open.pos());
    }
    boolean saved = noBar;
    noBar = true;
    Term first = term();
    noBar = false;
    try {
      if (c.at(TokenKind.BAR)) {
        c.p++;
        return new Term.ArrayCompr(first, bodies.apply(TokenKind.RBRACK), open.pos());
      }
      List<Term> items = new ArrayList<>(List.of(first));
      if (c.at(TokenKind.COMMA)) {
        c.p++;
        items.addAll(termList(TokenKind.RBRACK));
      } else {
        c.expect(TokenKind.RBRACK);
      }
      return new Term.ArrayTerm(items, open.pos());
    } finally {
      noBar = saved;
    }
  }

  Term braceTerm() {
    Token open = c.next();
    if (c.at(TokenKind.RBRACE)) {
      c.p++;
      return new Term.ObjectTerm(List.of(), open.pos());
    }
    boolean saved = noBar;
    noBar = true;
    try {
      Term first = term();
      if (c.at(TokenKind.COLON)) {
        c.p++;
        Term value = term();
        noBar = false;
        if (c.at(TokenKind.BAR)) {
          c.p++;
          return new Term.ObjectCompr(first, value, bodies.apply(TokenKind.RBRACE), open.pos());
        }
        List<Term.Entry> entries = new ArrayList<>(List.of(new Term.Entry(first, value)));
        while (c.at(TokenKind.COMMA)) {
          c.p++;
          if (c.at(TokenKind.RBRACE)) {
            break;
          }
          Term k = term();
          c.expect(TokenKind.COLON);
          entries.add(new Term.Entry(k, term()));
        }
        c.expect(TokenKind.RBRACE);
        return new Term.ObjectTerm(entries, open.pos());
      }
      noBar = false;
      if (c.at(TokenKind.BAR)) {
        c.p++;
        return new Term.SetCompr(first, bodies.apply(TokenKind.RBRACE), open.pos());
      }
      List<Term> items = new ArrayList<>(List.of(first));
      if (c.at(TokenKind.COMMA)) {
        c.p++;
        items.addAll(termList(TokenKind.RBRACE));
      } else {
        c.expect(TokenKind.RBRACE);
      }
      return new Term.SetTerm(items, open.pos());
    } finally {
      noBar = saved;
    }
  }

}
