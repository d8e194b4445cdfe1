package io.baton.runtime.expr;

import static io.baton.runtime.expr.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.InvalidPathException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPathQueryTest {
  private static final JsonNode DOC = json("""
      {"a": {"b": [{"c": 1}, {"c": [true, null]}], "d-e": "x", "n": null, "0": "zero"},
       "list": [10, 20, 30], "s": "text", "empty": {}, "x_1": {"y": 2.5}}
      """);

  /** Plain paths take a shortcut past jayway; it must answer exactly as jayway would. */
  @ParameterizedTest
  @ValueSource(strings = {
      "$.a", "$.a.b", "$.a.b[0].c", "$.a.b[1].c[0]", "$.a.b[1].c[1]", "$.a.b[1].c[2]", "$.a.b[-1]",
      "$.a.b[-2].c", "$.a.b[-3]", "$.a.b[7]", "$.a['d-e']", "$.a.d-e", "$['a']['b'][0]['c']", "$.a.n",
      "$.a.n.deeper", "$.a.missing", "$.a.missing.deeper", "$.list[2]", "$.list.x", "$.list[0].x",
      "$.s.x", "$.s[0]", "$.a[0]", "$.a.0", "$.list.0", "$.empty.k", "$.x_1.y", "$['missing']"})
  void shortcutAnswersAsJaywayDoes(String path) {
    JsonPathQuery query = JsonPathQuery.compile(path);
    assertEquals(query.readWithJayway(DOC), query.read(DOC), path);
  }

  @Test
  void functionsAndFiltersStillGoToJayway() {
    assertEquals(json("3"), JsonPathQuery.compile("$.list.length()").read(DOC));
    assertEquals(json("[30]"), JsonPathQuery.compile("$.list[?(@ > 25)]").read(DOC));
    assertEquals(json("[10,20]"), JsonPathQuery.compile("$.list[0:2]").read(DOC));
  }

  @Test
  void rejectsWhatJaywayCannotCompile() {
    assertThrows(InvalidPathException.class, () -> JsonPathQuery.compile("$.a[?(@.x ==]"));
  }
}
