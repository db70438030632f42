package io.sluice.policies.rego.parser;

import io.sluice.policies.rego.RegoCompileException;
import io.sluice.policies.rego.SourcePos;
import io.sluice.policies.rego.ast.Expr;
import io.sluice.policies.rego.ast.Head;
import io.sluice.policies.rego.ast.Import;
import io.sluice.policies.rego.ast.Literal;
import io.sluice.policies.rego.ast.Module;
import io.sluice.policies.rego.ast.Rule;
import io.sluice.policies.rego.ast.Term;
import io.sluice.policies.rego.ast.With;
import io.sluice.policies.rego.lexer.Lexer;
import io.sluice.policies.rego.lexer.Token;
import io.sluice.policies.rego.lexer.TokenKind;
import io.sluice.policies.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recursive-descent parser for Rego v1. Precedence, lowest first:
 * {@code := =}, {@code in}, relations, {@code |}, {@code &}, {@code + -}, {@code * / %}.
 * Statements in a body are separated by ';' or a newline.
 */
public final class Parser {
  private final TokenCursor c;
  private final TermParser terms;

  private Parser(String file, String src) {
    try {
      this.c = new TokenCursor(new Lexer(file, src).tokenize());
    } catch (Lexer.LexException e) {
      throw new RegoCompileException(List.of(e.error()));
    }
    this.terms = new TermParser(c, this::bodyUntil);
  }

  public static Module parseModule(String file, String src) {
    Parser ps = new Parser(file, src);
    try {
      return ps.module();
    } catch (TokenCursor.ParseError e) {
      throw new RegoCompileException(List.of(e.error));
    }
  }

  public static List<Literal> parseQuery(String file, String src) {
    Parser ps = new Parser(file, src);
    try {
      List<Literal> body = new ArrayList<>();
      while (!ps.c.at(TokenKind.EOF)) {
        body.add(ps.literal());
        if (ps.c.at(TokenKind.SEMI)) {
          ps.c.p++;
        } else if (!ps.c.at(TokenKind.EOF) && !ps.c.cur().newlineBefore()) {
          throw ps.c.unexpected();
        }
      }
      if (body.isEmpty()) {
        throw ps.c.error(ps.c.cur().pos(), "empty query");
      }
      return body;
    } catch (TokenCursor.ParseError e) {
      throw new RegoCompileException(List.of(e.error));
    }
  }

  public static Term parseTerm(String file, String src) {
    Parser ps = new Parser(file, src);
    try {
      Term t = ps.terms.term();
      if (!ps.c.at(TokenKind.EOF)) {
        throw ps.c.unexpected();
      }
      return t;
    } catch (TokenCursor.ParseError e) {
      throw new RegoCompileException(List.of(e.error));
    }
  }

  // ---------------------------------------------------------------- module level

  private Module module() {
    Token start = c.cur();
    if (!start.isKeyword("package")) {
      throw c.error(start.pos(), "package expected");
    }
    c.p++;
    List<String> pkg = new ArrayList<>();
    for (Term t : refPath()) {
      pkg.add(Head.name(t).filter(x -> t instanceof Term.Scalar || pkg.isEmpty())
          .orElseThrow(() -> c.error(t.pos(), "package name must be a ref of strings")));
    }
    List<Import> imports = new ArrayList<>();
    List<Rule> rules = new ArrayList<>();
    while (!c.at(TokenKind.EOF)) {
      if (c.cur().isKeyword("import")) {
        imports.add(importDecl());
      } else {
        rules.add(rule());
      }
    }
    return new Module(start.pos().file(), pkg, imports, rules, start.pos());
  }

  private Import importDecl() {
    SourcePos pos = c.next().pos();
    List<String> path = new ArrayList<>();
    for (Term t : refPath()) {
      path.add(Head.name(t).orElseThrow(() -> c.error(t.pos(), "import path must be a ref of strings")));
    }
    Optional<String> alias = Optional.empty();
    if (c.cur().isKeyword("as")) {
      c.p++;
      alias = Optional.of(c.expect(TokenKind.IDENT).text());
    }
    String root = path.get(0);
    if (!Set.of("data", "input", "future", "rego").contains(root)) {
      throw c.error(pos, "invalid path " + String.join(".", path) + ": path must begin with input or data");
    }
    return new Import(path, alias, pos);
  }

  /** ident ( '.' ident | '[' term ']' )*, for package, import and rule heads. */
  private List<Term> refPath() {
    List<Term> out = new ArrayList<>();
    Token first = c.expect(TokenKind.IDENT);
    out.add(new Term.Var(first.text(), first.pos()));
    while ((c.at(TokenKind.DOT) || c.at(TokenKind.LBRACK)) && !c.cur().spaceBefore()) {
      if (c.at(TokenKind.DOT)) {
        c.p++;
        Token t = c.expect(TokenKind.IDENT);
        out.add(new Term.Scalar(Value.str(t.text()), t.pos()));
      } else {
        c.p++;
        out.add(terms.term());
        c.expect(TokenKind.RBRACK);
      }
    }
    return out;
  }

  private Rule rule() {
    Token start = c.cur();
    boolean isDefault = false;
    if (start.isKeyword("default") && c.peek(1).is(TokenKind.IDENT)) {
      c.p++;
      isDefault = true;
    }
    List<Term> ref = refPath();
    Term.Var name = (Term.Var) ref.get(0);
    if (TokenCursor.RESERVED.contains(name.name())) {
      throw c.unexpectedAt(start);
    }
    List<Term> headRef = new ArrayList<>();
    headRef.add(new Term.Scalar(Value.str(name.name()), name.pos()));
    headRef.addAll(ref.subList(1, ref.size()));
    Optional<List<Term>> args = Optional.empty();
    if (c.at(TokenKind.LPAREN) && !c.cur().spaceBefore()) {
      c.p++;
      args = Optional.of(terms.termList(TokenKind.RPAREN));
    }
    Term trueTerm = new Term.Scalar(Value.TRUE, start.pos());
    if (isDefault) {
      if (!c.at(TokenKind.ASSIGN) && !c.at(TokenKind.UNIFY)) {
        throw c.unexpected();
      }
      c.p++;
      Term value = terms.term();
      Head head = args.<Head>map(a -> new Head.Function(headRef, a, value)).orElse(new Head.Single(headRef, value));
      return new Rule(head, List.of(), Optional.empty(), true, start.pos());
    }
    Head head;
    if (c.cur().isKeyword("contains") && args.isEmpty()) {
      c.p++;
      head = new Head.Contains(headRef, terms.term());
    } else {
      Term value = trueTerm;
      if (c.at(TokenKind.ASSIGN) || c.at(TokenKind.UNIFY)) {
        c.p++;
        value = terms.term();
      }
      Term v = value;
      head = args.<Head>map(a -> new Head.Function(headRef, a, v)).orElse(new Head.Single(headRef, value));
    }
    List<Literal> body = ruleBody(start.pos());
    Optional<Rule> elseRule = elseChain(head);
    return new Rule(head, body, elseRule, false, start.pos());
  }

  private Optional<Rule> elseChain(Head head) {
    if (!c.cur().isKeyword("else")) {
      return Optional.empty();
    }
    Token e = c.next();
    Term value = new Term.Scalar(Value.TRUE, e.pos());
    if (c.at(TokenKind.ASSIGN) || c.at(TokenKind.UNIFY)) {
      c.p++;
      value = terms.term();
    }
    Head h = switch (head) {
      case Head.Function f -> new Head.Function(f.ref(), f.args(), value);
      case Head.Single s -> new Head.Single(s.ref(), value);
      case Head.Contains hc -> throw c.error(e.pos(), "else keyword cannot be used on multi-value rules");
    };
    List<Literal> body = ruleBody(e.pos());
    return Optional.of(new Rule(h, body, elseChain(h), false, e.pos()));
  }

  private List<Literal> ruleBody(SourcePos pos) {
    if (c.cur().isKeyword("if")) {
      c.p++;
      if (c.at(TokenKind.LBRACE)) {
        // `if {x: 1 | ...}` is a comprehension statement, not a body: retry as a single statement
        int save = c.p;
        try {
          return braceBody();
        } catch (TokenCursor.ParseError e) {
          c.p = save;
          try {
            return List.of(literal());
          } catch (TokenCursor.ParseError again) {
            throw e;
          }
        }
      }
      return List.of(literal());
    }
    if (c.at(TokenKind.LBRACE) && !c.cur().newlineBefore()) {
      return braceBody();
    }
    return List.of(new Literal(new Expr.TermExpr(new Term.Scalar(Value.TRUE, pos)), false, List.of(), pos));
  }

  private List<Literal> braceBody() {
    Token open = c.expect(TokenKind.LBRACE);
    List<Literal> body = bodyUntil(TokenKind.RBRACE);
    if (body.isEmpty()) {
      throw c.error(open.pos(), "found empty body");
    }
    return body;
  }

  private List<Literal> bodyUntil(TokenKind end) {
    List<Literal> body = new ArrayList<>();
    while (!c.at(end)) {
      body.add(literal());
      if (c.at(TokenKind.SEMI)) {
        c.p++;
      } else if (!c.at(end) && !c.cur().newlineBefore()) {
        throw c.unexpected();
      }
    }
    c.p++;
    return body;
  }

  // ---------------------------------------------------------------- statements

  private Literal literal() {
    Token start = c.cur();
    if (start.isKeyword("some")) {
      c.p++;
      return withs(someDecl(start), false, start);
    }
    if (start.isKeyword("every")) {
      c.p++;
      return withs(every(), false, start);
    }
    boolean negated = false;
    if (start.isKeyword("not")) {
      c.p++;
      negated = true;
    }
    Term left = terms.term();
    Expr expr;
    if (c.at(TokenKind.COMMA)) {
      c.p++;
      Term value = terms.relation();
      c.expectKeyword("in");
      Term coll = terms.relation();
      expr = new Expr.TermExpr(new Term.Call("internal.member_3", List.of(left, value, coll), left.pos()));
    } else if (c.at(TokenKind.ASSIGN)) {
      c.p++;
      expr = new Expr.Assign(left, terms.term());
    } else if (c.at(TokenKind.UNIFY)) {
      c.p++;
      expr = new Expr.Unify(left, terms.term());
    } else {
      expr = new Expr.TermExpr(left);
    }
    return withs(expr, negated, start);
  }

  private Literal withs(Expr expr, boolean negated, Token start) {
    List<With> withs = new ArrayList<>();
    while (c.cur().isKeyword("with")) {
      Token w = c.next();
      Term target = terms.relation();
      c.expectKeyword("as");
      Term value = terms.relation();
      withs.add(new With(target, value, w.pos()));
    }
    return new Literal(expr, negated, withs, start.pos());
  }

  private Expr someDecl(Token start) {
    Term first = terms.relation();
    Optional<Term> second = Optional.empty();
    List<Term> all = new ArrayList<>(List.of(first));
    while (c.at(TokenKind.COMMA)) {
      c.p++;
      Term t = terms.relation();
      all.add(t);
      second = Optional.of(t);
    }
    if (c.cur().isKeyword("in")) {
      c.p++;
      Term coll = terms.relation();
      if (all.size() == 1) {
        return new Expr.SomeIn(Optional.empty(), first, coll);
      }
      if (all.size() == 2) {
        return new Expr.SomeIn(Optional.of(first), second.orElseThrow(), coll);
      }
      throw c.error(start.pos(), "unexpected , in some declaration");
    }
    List<Term.Var> vars = new ArrayList<>();
    for (Term t : all) {
      if (!(t instanceof Term.Var v)) {
        throw c.error(t.pos(), "expected var");
      }
      vars.add(v);
    }
    return new Expr.SomeDecl(vars);
  }

  private Expr every() {
    Term first = terms.relation();
    Optional<Term> key = Optional.empty();
    Term value = first;
    if (c.at(TokenKind.COMMA)) {
      c.p++;
      key = Optional.of(first);
      value = terms.relation();
    }
    c.expectKeyword("in");
    Term domain = terms.relation();
    List<Literal> body = braceBody();
    return new Expr.Every(key, value, domain, body);
  }

}
