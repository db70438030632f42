package io.sluice.policies.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.policies.rego.ast.Expr;
import io.sluice.policies.rego.ast.Head;
import io.sluice.policies.rego.ast.Module;
import io.sluice.policies.rego.ast.Term;
import io.sluice.policies.rego.parser.Parser;
import org.junit.jupiter.api.Test;

class ParserTest {
  @Test
  void everyRuleAndTermCarriesItsFileLineAndColumn() {
    Module m = Parser.parseModule("a.rego", "package x\n\np contains y if {\n  some y in input.ys\n}\n");
    assertThat(m.rules().get(0).pos()).isEqualTo(new SourcePos("a.rego", 3, 1));
    assertThat(m.rules().get(0).head()).isInstanceOf(Head.Contains.class);
    assertThat(m.rules().get(0).body().get(0).pos()).isEqualTo(new SourcePos("a.rego", 4, 3));
    Expr.SomeIn some = (Expr.SomeIn) m.rules().get(0).body().get(0).expr();
    assertThat(some.collection().pos()).isEqualTo(new SourcePos("a.rego", 4, 13));
  }

  @Test
  void syntaxErrorsReportPositionAndOpaStyleMessage() {
    assertThatThrownBy(() -> Parser.parseModule("bad.rego", "package x\n\np if {\n  x := \n}\n"))
        .isInstanceOf(RegoCompileException.class)
        .hasMessage("bad.rego:5: rego_parse_error: unexpected } token")
        .satisfies(e -> assertThat(((RegoCompileException) e).errors().get(0).pos())
            .isEqualTo(new SourcePos("bad.rego", 5, 1)));
  }

  @Test
  void unterminatedStringIsALexicalError() {
    assertThatThrownBy(() -> Parser.parseModule("s.rego", "package x\np := \"abc\n"))
        .hasMessageContaining("s.rego:2: rego_parse_error: non-terminated string");
  }

  @Test
  void multiLevelHeadsFunctionsAndElseParse() {
    Module m = Parser.parseModule("m.rego", """
        package x
        a.b[k] := v if { some k, v in input.o }
        f(x) := 1 if x > 0
        else := 2
        default g := false
        """);
    assertThat(m.rules()).hasSize(3);
    assertThat(m.rules().get(0).head().ref()).hasSize(3);
    assertThat(m.rules().get(1).elseRule()).isPresent();
    assertThat(m.rules().get(2).isDefault()).isTrue();
  }

  @Test
  void comprehensionsSetsAndInfixOperatorsParseWithRegoPrecedence() {
    Term t = Parser.parseTerm("t", "{x | some x in [1, 2]} | {3} & {4}");
    assertThat(t).isInstanceOfSatisfying(Term.Call.class, c -> assertThat(c.name()).isEqualTo("or"));
    Term arith = Parser.parseTerm("t", "1 + 2 * 3 == 7");
    assertThat(arith).isInstanceOfSatisfying(Term.Call.class, c -> assertThat(c.name()).isEqualTo("equal"));
  }

  @Test
  void queriesSplitOnNewlinesAndSemicolons() {
    assertThat(Parser.parseQuery("q", "x := 1; y := 2\nz := 3")).hasSize(3);
  }
}
