package io.baton.runtime.expr;

import static io.baton.runtime.expr.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.runtime.expr.ExpressionValidator.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionValidatorTest {

  private static List<Problem> validate(String template) {
    return ExpressionValidator.validate("tasks[2].inputParameters", json(template));
  }

  private static Problem only(List<Problem> problems) {
    assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
    return problems.get(0);
  }

  @Test
  void acceptsEveryValidForm() {
    List<Problem> problems = validate("""
        {"a": "${workflow.input.x}", "b": "${workflow.variables.v}", "c": "${workflow.workflowId}",
         "d": "${ref.output.a.b[1].c}", "e": "${ref.input['a-b']}", "f": "${ref.status}",
         "g": "${CPEWF_TASK_ID}", "h": "id ${t1__2.output.x} and ${workflow.correlationId}",
         "i": "${ref.output.items[?(@.price > 10 && @.sku =~ /a{2}/)].id}", "j": "$${not.evaluated",
         "k": "${workflow.input.${workflow.input.key}}", "l": ["${$.workflow.input}", 1, true, null],
         "m": {"n": "${['my.ref'].output.z}", "o": "${ref.output.nums.sum()}"},
         "p": "${workflow..price}", "q": "plain {text} with $ signs", "r": "${ref}"}
        """);
    assertEquals(List.of(), problems);
  }

  @Test
  void reportsAnUnclosedExpression() {
    Problem p = only(validate("{\"x\": \"Hello ${workflow.input.name\"}"));
    assertEquals("tasks[2].inputParameters.x", p.path());
    assertEquals("'${' at position 6 has no closing '}' in '${workflow.input.name'", p.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"${}", "${   }", "a ${} b"})
  void reportsAnEmptyExpression(String value) {
    Problem p = only(ExpressionValidator.validate("outputParameters", json("{\"out\": " + quoted(value) + "}")));
    assertEquals("outputParameters.out", p.path());
    assertTrue(p.message().startsWith("empty expression '${"), p.message());
  }

  @Test
  void reportsAPathJsonPathCannotCompile() {
    Problem p = only(validate("{\"x\": \"${workflow.input.items[?(@.a ==]}\"}"));
    assertEquals("tasks[2].inputParameters.x", p.path());
    assertTrue(p.message().startsWith(
        "expression '${workflow.input.items[?(@.a ==]}' at position 0 is not a valid JSONPath: "), p.message());

    Problem dot = only(validate("{\"x\": \"${workflow.input.}\"}"));
    assertTrue(dot.message().contains("is not a valid JSONPath: Path must not end with a '.' or '..'"), dot.message());

    Problem quote = only(validate("{\"x\": \"${workflow.input['a}\"}"));
    assertTrue(quote.message().contains("is not a valid JSONPath"), quote.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"${$..price}", "${$}", "${*.output}", "${[0].x}", "${.input}", "${$.}", "${work flow.input}"})
  void reportsAPathWithoutARoot(String value) {
    Problem p = only(validate("{\"x\": " + quoted(value) + "}"));
    assertTrue(p.message().endsWith("must start with 'workflow' or a task reference name"), p.message());
  }

  @Test
  void pathsFollowObjectsAndArrays() {
    List<Problem> problems = validate("""
        {"a": {"b": ["ok", "${", {"c": "${}"}]}, "d": [["${$}"]]}
        """);
    assertEquals(List.of("tasks[2].inputParameters.a.b[1]", "tasks[2].inputParameters.a.b[2].c",
        "tasks[2].inputParameters.d[0][0]"), problems.stream().map(Problem::path).toList());
  }

  @Test
  void emptyPrefixStartsAtTheKey() {
    assertEquals("x", only(ExpressionValidator.validate("", json("{\"x\": \"${}\"}"))).path());
    assertEquals("[1]", only(ExpressionValidator.validate("", json("[\"ok\", \"${}\"]"))).path());
    assertEquals("x", only(ExpressionValidator.validate(null, json("{\"x\": \"${}\"}"))).path());
  }

  @Test
  void aStringTemplateIsReportedAtThePrefix() {
    assertEquals("expression", only(ExpressionValidator.validate("expression", json("\"${}\""))).path());
  }

  @Test
  void reportsEveryProblemInAString() {
    List<Problem> problems = validate("{\"x\": \"${} then ${$..a} then ${workflow.input.ok} then ${oops\"}");
    assertEquals(3, problems.size(), problems::toString);
    assertEquals("empty expression '${}' at position 0", problems.get(0).message());
    assertTrue(problems.get(1).message().startsWith("expression '${$..a}' at position 9 "), problems.toString());
    assertEquals("'${' at position 48 has no closing '}' in '${oops'", problems.get(2).message());
  }

  @Test
  void checksThePartsOfNestedExpressions() {
    Problem p = only(validate("{\"x\": \"${workflow.input.${workflow.input[?(@.a ==]}}\"}"));
    assertTrue(p.message().startsWith("expression '${workflow.input[?(@.a ==]}' at position 17"), p.message());
  }

  @Test
  void shortensLongExpressionsInMessages() {
    String path = "workflow.input." + "a".repeat(200);
    Problem p = only(validate("{\"x\": \"${" + path + "\"}"));
    assertTrue(p.message().length() < 150, p.message());
    assertTrue(p.message().endsWith("...'"), p.message());
  }

  @Test
  void ignoresNonStringsAndNull() {
    assertEquals(List.of(), ExpressionValidator.validate("p", null));
    assertEquals(List.of(), validate("{\"a\": 1, \"b\": true, \"c\": null, \"d\": [2.5], \"${}\": 0}"));
  }

  @Test
  void doesNotChangeTheTemplate() {
    JsonNode template = json("{\"a\": [\"${}\", {\"b\": \"${workflow.input.x\"}]}");
    JsonNode before = template.deepCopy();
    ExpressionValidator.validate("p", template);
    assertEquals(before, template);
  }

  private static String quoted(String value) {
    return Fixtures.MAPPER.valueToTree(value).toString();
  }
}
