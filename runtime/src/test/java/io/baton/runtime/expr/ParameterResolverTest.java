package io.baton.runtime.expr;

import static io.baton.runtime.expr.Fixtures.json;
import static io.baton.runtime.expr.Fixtures.object;
import static io.baton.runtime.expr.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.expr.Fixtures.RecordingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParameterResolverTest {
  private final Map<String, JsonNode> roots = Fixtures.roots();
  private final ExpressionContext ctx = roots::get;

  private JsonNode resolve(String template) {
    return ParameterResolver.resolve(text(template), ctx, "task-42");
  }

  @Nested
  class SingleExpressionKeepsItsType {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        ${workflow.input.name}        | "ada"
        ${workflow.input.count}       | 3
        ${workflow.input.ratio}       | 0.5
        ${workflow.input.flag}        | true
        ${workflow.input.big}         | 12345678901234
        ${workflow.input.nothing}     | null
        ${workflow.input.tags}        | ["a","b"]
        ${workflow.input.nested}      | {"k":"v","list":[1,2,3]}
        ${workflow.variables.v}       | "var"
        ${workflow.variables.counter} | 7
        ${workflow.workflowId}        | "wf-1"
        ${workflow.correlationId}     | "corr-9"
        ${workflow.status}            | "RUNNING"
        ${t1.status}                  | "COMPLETED"
        ${t1.input.q}                 | "query"
        ${t1.output.a.b[1].c}         | "second"
        ${t1.output.result}           | {"x":1}
        ${t1.output.empty}            | []
        ${loop__2.output.i}           | 2
        ${ workflow.input.name }      | "ada"
        """)
    void resolvesToTheJsonValue(String template, String expected) {
      JsonNode value = resolve(template);
      assertEquals(json(expected), value);
      assertEquals(json(expected).getNodeType(), value.getNodeType());
    }

    @Test
    void wholeRootIsTheRootDocument() {
      assertEquals(roots.get("t1"), resolve("${t1}"));
    }

    @Test
    void resolvedStringIsNotEvaluatedAgain() {
      assertEquals(text("${workflow.input.name}"), resolve("${workflow.input.expr}"));
      assertEquals(text("$${x}"), resolve("${workflow.input.raw}"));
    }
  }

  @Nested
  class Interpolation {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        Hello ${workflow.input.name}!                                             | Hello ada!
        ${workflow.input.name}${workflow.input.count}                             | ada3
        n=${workflow.input.count} r=${workflow.input.ratio} f=${workflow.input.flag} | n=3 r=0.5 f=true
        obj=${workflow.input.nested}                                              | obj={"k":"v","list":[1,2,3]}
        tags=${workflow.input.tags}                                               | tags=["a","b"]
        x=${workflow.input.nothing} y=${workflow.input.missing} z=${nope.output.a} | x=null y=null z=null
        `${workflow.input.count} `                                                | `3 `
        id-${workflow.workflowId}/${t1.status}                                    | id-wf-1/COMPLETED
        {"name": "${workflow.input.name}"}                                        | {"name": "ada"}
        v=${workflow.input.raw}                                                   | v=$${x}
        """)
    void interpolatesAsText(String template, String expected) {
      JsonNode value = resolve(template);
      assertEquals(JsonNodeType.STRING, value.getNodeType());
      assertEquals(expected, value.textValue());
    }

    @Test
    void keepsLineTerminators() {
      assertEquals("Name: ada;\r\nCount: 3;\n",
          resolve("Name: ${workflow.input.name};\r\nCount: ${workflow.input.count};\n").textValue());
    }

    @Test
    void plainStringsPassThroughAsTheSameNode() {
      JsonNode plain = text("costs $5, {braces} and $$ signs");
      assertSame(plain, ParameterResolver.resolve(plain, ctx, null));
    }
  }

  @Nested
  class Escapes {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        $${workflow.input.name}                  | ${workflow.input.name}
        $${workflow.input.name}afterText         | ${workflow.input.name}afterText
        beforeText $${workflow.input.name}       | beforeText ${workflow.input.name}
        ${workflow.input.name} $${workflow.input.n}${workflow.input.count} ${workflow.input.count}$${x} | ada ${workflow.input.n}3 3${x}
        $$${workflow.input.name}                 | $${workflow.input.name}
        price $${                                | price ${
        """)
    void doubleDollarIsALiteral(String template, String expected) {
      assertEquals(text(expected), resolve(template));
    }

    @Test
    void escapesWorkInsideObjectsAndArrays() {
      JsonNode out = ParameterResolver.resolve(
          json("{\"m\": {\"c\": \"$${a} ${workflow.input.count}\"}, \"l\": [\"${workflow.input.name} $${b}\"]}"),
          ctx, null);
      assertEquals(json("{\"m\": {\"c\": \"${a} 3\"}, \"l\": [\"ada ${b}\"]}"), out);
    }
  }

  @Nested
  class MissingValues {
    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
        ${workflow.input.missing}
        ${workflow.input.missing.deeper}
        ${workflow.input.name.first}
        ${workflow.input.tags[5]}
        ${t1.output.a.b[9].c}
        ${unknownRef.output.x}
        ${unknownRef}
        ${CPEWF_TASK_ID.x}
        ${$..name}
        ${workflow.input.}
        """)
    void resolveToNull(String template) {
      assertEquals(NullNode.getInstance(), resolve(template));
    }

    @Test
    void keyStaysInTheMapWithNull() {
      ObjectNode out = ParameterResolver.resolveObject(
          object("{\"x\": \"${workflow.input.missing}\", \"y\": \"${nobody.output.y}\"}"), ctx, null);
      assertTrue(out.has("x"));
      assertTrue(out.get("x").isNull());
      assertTrue(out.get("y").isNull());
      assertEquals(2, out.size());
    }

    @Test
    void indefinitePathsGiveAnEmptyArrayAsConductorDoes() {
      assertEquals(json("[]"), resolve("${workflow.input.missing[*]}"));
      assertEquals(json("[]"), resolve("${unknownRef.output.items[*].id}"));
      assertEquals(json("[]"), resolve("${workflow.input.items[?(@.price > 1000)]}"));
    }

    @Test
    void nullOrMissingContextAnswersMeanUnknown() {
      assertEquals(NullNode.getInstance(), ParameterResolver.resolve(text("${workflow.input.name}"), null, null));
      ExpressionContext missing = name -> com.fasterxml.jackson.databind.node.MissingNode.getInstance();
      assertEquals(NullNode.getInstance(), ParameterResolver.resolve(text("${workflow.input.name}"), missing, null));
      assertEquals("a=null", ParameterResolver.resolve(text("a=${workflow}"), missing, null).textValue());
    }
  }

  @Nested
  class PathsAndArrays {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        ${workflow.input.tags[0]}                       | "a"
        ${workflow.input.tags[-1]}                      | "b"
        ${workflow.input.items[1].price}                | 15
        ${workflow.input.items[0:2].id}                 | [1,2]
        ${workflow.input.items[*].id}                   | [1,2,3]
        ${workflow.input.items[*].sku}                  | ["x1","y22"]
        ${workflow..price}                              | [5,15,25]
        ${workflow.input.nested.*}                      | ["v",[1,2,3]]
        ${workflow.input['a-b']}                        | "dashed"
        ${workflow['input']["a-b"]}                     | "dashed"
        ${workflow.input.items[1]['sku']}               | "y22"
        ${['my.ref'].output.z}                          | 26
        ${$['my.ref'].output.z}                         | 26
        ${$.workflow.input.name}                        | "ada"
        ${$['t1'].status}                               | "COMPLETED"
        ${workflow.input.items.length()}                | 3
        ${t1.output.nums.sum()}                         | 6.5
        ${t1.output.nums.max()}                         | 3.5
        ${workflow.input.nested.keys()}                 | ["k","list"]
        """)
    void evaluatesJsonPath(String template, String expected) {
      assertEquals(json(expected), resolve(template));
    }
  }

  @Nested
  class Filters {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        ${workflow.input.items[?(@.price > 10)].id}                       | [2,3]
        ${workflow.input.items[?(@.sku)].id}                              | [1,2]
        ${workflow.input.items[?(@.id in [1,3])].price}                   | [5,25]
        ${workflow.input.items[?(@.sku == 'y22')]}                        | [{"id":2,"price":15,"sku":"y22"}]
        ${workflow.input.items[?(@.sku =~ /[a-z][0-9]{2}/)].id}           | [2]
        ${workflow.input.items[?(@.id == $.workflow.input.count)].price}  | [25]
        ${t1.output.nums[?(@ > $['workflow'].input.ratio)]}               | [1,2,3.5]
        ${workflow.input.items[?(@.id == ${workflow.input.count})].price} | [25]
        ${t1.output.sum($.workflow.input.items[*].price)}                 | 45.0
        """)
    void evaluatesFilters(String template, String expected) {
      assertEquals(json(expected), resolve(template));
    }

    @Test
    void functionsWithArgumentsGiveTheRightAnswerEveryTime() {
      // jayway rewrites such a compiled path on first use; a shared one would be wrong afterwards.
      for (int k = 0; k < 3; k++) {
        JsonNode t1 = json("{\"output\": {\"items\": [{\"n\": " + k + "}, {\"n\": 10}]}}");
        ExpressionContext one = name -> name.equals("t1") ? t1 : null;
        assertEquals(json(String.valueOf(10.0 + k)),
            ParameterResolver.resolve(text("${t1.output.sum($.t1.output.items[*].n)}"), one, null));
      }
    }

    @Test
    void filterOnAnotherRootThatIsUnknownFindsNothing() {
      assertEquals(json("[]"), resolve("${workflow.input.items[?(@.id == $.ghost.x)]}"));
    }
  }

  @Nested
  class NestedExpressions {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        ${workflow.input.${workflow.input.key}}                                    | 3
        ${workflow.input.nested.list[${workflow.input.nested.list[0]}]}            | 2
        ${workflow.input.items[${workflow.input.nested.list[${workflow.input.nested.list[0]}]}].price} | 25
        ${${workflow.input.tags[0]}}                                               | null
        total=${workflow.input.${workflow.input.key}}                              | "total=3"
        """)
    void innerExpressionsBuildTheOuterPath(String template, String expected) {
      assertEquals(json(expected), resolve(template));
    }
  }

  @Nested
  class TaskId {
    @Test
    void isTheScheduledTasksId() {
      assertEquals(text("task-42"), resolve("${CPEWF_TASK_ID}"));
      assertEquals(text("task-42"), resolve("${ CPEWF_TASK_ID }"));
      assertEquals(text("id=task-42/wf-1"), resolve("id=${CPEWF_TASK_ID}/${workflow.workflowId}"));
    }

    @Test
    void isNullWithoutATask() {
      assertEquals(NullNode.getInstance(), ParameterResolver.resolve(text("${CPEWF_TASK_ID}"), ctx, null));
      assertEquals(text("id=null"), ParameterResolver.resolve(text("id=${CPEWF_TASK_ID}"), ctx, null));
    }

    @Test
    void isNotARootLookup() {
      RecordingContext recording = new RecordingContext(roots);
      ParameterResolver.resolve(text("${CPEWF_TASK_ID}"), recording, "t");
      assertEquals(List.of(), recording.asked);
    }
  }

  @Nested
  class OddExpressions {
    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        ${}                                  | ``
        `${   }`                             | ``
        a${}b                                | ab
        ${workflow.input.name                | ${workflow.input.name
        `${ ${workflow.input.name}`          | `${ ada`
        x } ${workflow.input.name} {         | x } ada {
        `${workflow.input.items[?(@.sku == '}')]}`   | `[]`
        `${workflow.input.items[?(@.sku == 'x1')].id} } ${workflow.input.it's}` | `[1] } null`
        `${workflow.input.items[?(@.sku == '${workflow.input.items[0].sku}')].id}` | `[1]`
        """)
    void resolveWithoutThrowing(String template, String expected) {
      JsonNode value = ParameterResolver.resolve(text(template), ctx, null);
      assertEquals(expected, value.isTextual() ? value.textValue() : value.toString());
    }

    @Test
    void functionOnTheWrongTypeIsNull() {
      assertEquals(NullNode.getInstance(), resolve("${workflow.input.name.sum()}"));
    }
  }

  @Nested
  class Templates {
    @Test
    void resolvesNestedObjectsAndArrays() {
      ObjectNode template = object("""
          {"a": {"b": ["${workflow.input.name}", 1, true, null, 1.5, {"c": "${t1.status}"},
                       ["${workflow.input.count}", "n=${workflow.input.count}"]]},
           "n": 5, "f": false, "z": null, "d": 2.25, "big": 12345678901234,
           "obj": "${t1.output.result}", "id": "${CPEWF_TASK_ID}", "plain": "text"}
          """);
      ObjectNode out = ParameterResolver.resolveObject(template, ctx, "task-42");
      assertEquals(object("""
          {"a": {"b": ["ada", 1, true, null, 1.5, {"c": "COMPLETED"}, [3, "n=3"]]},
           "n": 5, "f": false, "z": null, "d": 2.25, "big": 12345678901234,
           "obj": {"x": 1}, "id": "task-42", "plain": "text"}
          """), out);
      assertEquals(JsonNodeType.NUMBER, out.get("a").get("b").get(6).get(0).getNodeType());
      assertTrue(out.get("d").isDouble());
      assertTrue(out.get("big").isLong());
    }

    @Test
    void keysAreNotExpressions() {
      ObjectNode out = ParameterResolver.resolveObject(object("{\"${workflow.input.name}\": 1}"), ctx, null);
      assertEquals(object("{\"${workflow.input.name}\": 1}"), out);
    }

    @Test
    void topLevelScalarsAndArrays() {
      assertEquals(IntNode.valueOf(7), ParameterResolver.resolve(IntNode.valueOf(7), ctx, null));
      assertEquals(json("[\"ada\", [3]]"),
          ParameterResolver.resolve(json("[\"${workflow.input.name}\", [\"${workflow.input.count}\"]]"), ctx, null));
    }

    @Test
    void nullTemplates() {
      assertEquals(NullNode.getInstance(), ParameterResolver.resolve(null, ctx, null));
      assertEquals(object("{}"), ParameterResolver.resolveObject(null, ctx, null));
      assertEquals(object("{}"), ParameterResolver.resolveObject(object("{}"), ctx, null));
    }

    @Test
    void eachRootIsAskedForOncePerCall() {
      RecordingContext recording = new RecordingContext(roots);
      ParameterResolver.resolveObject(object("""
          {"a": "${workflow.input.name}", "b": "${workflow.input.count} ${t1.status}",
           "c": ["${workflow.workflowId}", "${t1.output.a}", "${ghost.x}", "${ghost.y}"],
           "d": "${workflow.input.items[?(@.id == $.t1.output.result.x)]}"}
          """), recording, null);
      assertEquals(List.of("workflow", "t1", "ghost"), recording.asked);
    }
  }

  @Nested
  class NoMutation {
    @Test
    void templateIsUnchanged() {
      ObjectNode template = object("""
          {"a": "${workflow.input.nested}", "b": ["${t1.output.a.b}", {"c": "$${x}"}],
           "d": "${workflow.input.items.append(99)}"}
          """);
      ObjectNode before = template.deepCopy();
      ObjectNode out = ParameterResolver.resolveObject(template, ctx, "t");
      assertEquals(before, template);
      assertNotSame(template.get("b"), out.get("b"));
    }

    @Test
    void contextDocumentsAreUnchanged() {
      Map<String, JsonNode> before = new HashMap<>();
      roots.forEach((name, doc) -> before.put(name, doc.deepCopy()));
      ParameterResolver.resolveObject(object("""
          {"a": "${workflow.input.items.append(99)}", "b": "${workflow.input.items[?(@.price > 1)]}",
           "c": "${t1.output.nums.sum()}", "d": "${t1}", "e": "x ${workflow.input.nested}"}
          """), ctx, "t");
      assertEquals(before, roots);
    }

    @Test
    void appendWorksOnACopy() {
      assertEquals(json("[1,2,3,99]"), resolve("${workflow.input.nested.list.append(99)}"));
      assertEquals(json("[1,2,3]"), roots.get("workflow").get("input").get("nested").get("list"));
    }

    @Test
    void resultSharesNoContainerWithTheContext() {
      ObjectNode out = ParameterResolver.resolveObject(object("""
          {"obj": "${workflow.input.nested}", "root": "${t1}",
           "found": "${workflow.input.items[?(@.id == 1)]}"}
          """), ctx, null);
      ((ObjectNode) out.get("obj")).put("k", "changed");
      ((ObjectNode) out.get("root").get("output")).removeAll();
      ((ObjectNode) out.get("found").get(0)).put("price", 0);
      JsonNode fresh = Fixtures.roots().get("workflow");
      assertEquals(fresh, roots.get("workflow"));
      assertEquals(Fixtures.roots().get("t1"), roots.get("t1"));
    }
  }
}
