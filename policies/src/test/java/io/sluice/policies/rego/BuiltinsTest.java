package io.sluice.policies.rego;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuiltinsTest {
  private final CompiledPolicy p = Policies.compile("package x\n");

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
      "concat(\",\", [\"a\", \"b\"])|\"a,b\"",
      "sprintf(\"%s has %d items (%.2f)\", [\"cart\", 3, 1.5])|\"cart has 3 items (1.50)\"",
      "format_int(255, 16)|\"ff\"",
      "indexof(\"abcd\", \"c\")|2",
      "substring(\"abcdef\", 1, 3)|\"bcd\"",
      "strings.replace_n({\"a\": \"1\", \"b\": \"2\"}, \"abc\")|\"12c\"",
      "trim_space(\"  x \")|\"x\"",
      "split(\"a.b\", \".\")|[\"a\",\"b\"]",
      "regex.match(\"^a+$\", \"aaa\")|true",
      "regex.replace(\"a1b2\", \"[0-9]\", \"#\")|\"a#b#\"",
      "regex.find_n(\"[0-9]\", \"a1b2c3\", 2)|[\"1\",\"2\"]",
      "glob.match(\"*.example.com\", [\".\"], \"api.example.com\")|true",
      "glob.match(\"*.example.com\", [\".\"], \"a.b.example.com\")|false",
      "object.get({\"a\": {\"b\": 1}}, [\"a\", \"b\"], 0)|1",
      "object.union({\"a\": 1}, {\"b\": 2})|{\"a\":1,\"b\":2}",
      "object.remove({\"a\": 1, \"b\": 2}, [\"a\"])|{\"b\":2}",
      "json.filter({\"a\": {\"b\": 1, \"c\": 2}}, [\"a/b\"])|{\"a\":{\"b\":1}}",
      "json.remove({\"a\": {\"b\": 1, \"c\": 2}}, [\"a/b\"])|{\"a\":{\"c\":2}}",
      "json.marshal({\"a\": [1, true]})|\"{\\\"a\\\":[1,true]}\"",
      "json.unmarshal(\"{\\\"a\\\": 1}\")|{\"a\":1}",
      "base64.encode(\"hi\")|\"aGk=\"",
      "base64url.decode(\"aGk\")|\"hi\"",
      "hex.encode(\"hi\")|\"6869\"",
      "time.parse_rfc3339_ns(\"1970-01-01T00:00:01Z\")|1000000000",
      "time.date(0)|[1970,1,1]",
      "time.weekday(0)|\"Thursday\"",
      "time.add_date(0, 0, 1, 0)|2678400000000000",
      "net.cidr_contains(\"10.0.0.0/8\", \"10.1.2.3\")|true",
      "units.parse_bytes(\"2KiB\")|2048",
      "type_name({1})|\"set\"",
      "is_number(1)|true",
      "sort([3, 1, 2])|[1,2,3]",
      "max({1, 5, 2})|5",
      "array.slice([1, 2, 3, 4], 1, 3)|[2,3]",
      "count(\"héllo\")|5",
  })
  void builtinComputesLikeOpa(String call, String expected) {
    assertThat(Policies.value(p, call)).isEqualTo(expected);
  }

  @Test
  void walkEnumeratesEveryPathAndValue() {
    assertThat(Policies.value(p, "[path | walk({\"a\": [1]}, [path, _])]")).isEqualTo("[[],[\"a\"],[\"a\",0]]");
  }

  @Test
  void printWritesToTheConfiguredSink() {
    var lines = new java.util.ArrayList<String>();
    p.evaluate("print(\"hello\", 1)", java.util.Optional.empty(), EvalOptions.defaults().withPrinter(lines::add));
    assertThat(lines).containsExactly("hello 1");
  }
}
