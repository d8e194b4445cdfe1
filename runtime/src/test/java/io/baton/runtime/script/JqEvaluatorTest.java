package io.baton.runtime.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JqEvaluatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JqEvaluator jq = new JqEvaluator();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static List<JsonNode> jsonList(String... texts) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String text : texts) {
            nodes.add(json(text));
        }
        return nodes;
    }

    private static final JsonNode INPUT = json("""
            {"a": 1, "b": "two", "items": [{"x": 1, "tag": "p"}, {"x": 2, "tag": "q"}, {"x": 3, "tag": "p"}],
             "key1": {"value1": ["a", "b"]}, "key2": {"value2": ["c", "d"]}}
            """);

    @Test
    void selectsAField() throws ScriptFailure {
        assertEquals(jsonList("1"), jq.evaluate(".a", INPUT));
        assertEquals(jsonList("null"), jq.evaluate(".missing", INPUT));
    }

    @Test
    void iteratesAnArray() throws ScriptFailure {
        assertEquals(jsonList("1", "2", "3"), jq.evaluate(".items[] | .x", INPUT));
        assertEquals(jsonList("1", "2"), jq.evaluate(".[] | .x", json("[{\"x\": 1}, {\"x\": 2}]")));
    }

    @Test
    void buildsAnObject() throws ScriptFailure {
        assertEquals(jsonList("{\"x\": 1}"), jq.evaluate("{x: .a}", INPUT));
        // The example from Conductor's JSON_JQ_TRANSFORM documentation.
        assertEquals(jsonList("{\"key3\": [\"a\", \"b\", \"c\", \"d\"]}"),
                jq.evaluate("{ key3: (.key1.value1 + .key2.value2) }", INPUT));
    }

    @Test
    void returnsEveryOutput() throws ScriptFailure {
        assertEquals(jsonList("1", "\"two\""), jq.evaluate(".a, .b", INPUT));
        assertEquals(List.of(), jq.evaluate("empty", INPUT));
        assertEquals(jsonList("[1, 3]"), jq.evaluate("[.items[] | select(.tag == \"p\") | .x]", INPUT));
    }

    @Test
    void jq16BuiltinsAreThere() throws ScriptFailure {
        assertEquals(jsonList("\"a-b\""), jq.evaluate(".key1.value1 | join(\"-\")", INPUT));
        assertEquals(jsonList("[\"a\", \"b\"]"), jq.evaluate("{a: 1, b: 2} | keys", INPUT));
        assertEquals(jsonList("{\"p\": 2, \"q\": 1}"),
                jq.evaluate("reduce .items[] as $i ({}; .[$i.tag] += 1)", INPUT));
        assertEquals(jsonList("\"TWO\""), jq.evaluate(".b | ascii_upcase", INPUT));
        assertEquals(jsonList("[{\"key\": \"a\", \"value\": 1}]"), jq.evaluate("{a: .a} | to_entries", INPUT));
    }

    @Test
    void inputIsNotMutated() throws ScriptFailure {
        JsonNode input = json("{\"a\": {\"b\": 1}, \"list\": [1, 2]}");
        JsonNode before = input.deepCopy();
        assertEquals(jsonList("{\"a\": {\"b\": 5}, \"list\": [1, 2, 3]}"), jq.evaluate(".a.b = 5 | .list += [3]", input));
        assertEquals(jsonList("{\"list\": [1, 2]}"), jq.evaluate("del(.a)", input));
        assertEquals(before, input);
    }

    @Test
    void nullInputIsJqNull() throws ScriptFailure {
        assertEquals(jsonList("true"), jq.evaluate(". == null", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {".a |", "{x: }", ".[", "if . then 1", "\"unterminated"})
    void compileErrorsFail(String query) {
        ScriptFailure failure = assertThrows(ScriptFailure.class, () -> jq.evaluate(query, INPUT));
        assertTrue(failure.getMessage().startsWith("jq query does not compile: "), failure.getMessage());
        assertFalse(JqEvaluator.validate(query).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void emptyQueryFails(String query) {
        assertThrows(ScriptFailure.class, () -> jq.evaluate(query, INPUT));
        assertThrows(ScriptFailure.class, () -> jq.evaluate(null, INPUT));
        assertEquals(List.of("jq query is empty"), JqEvaluator.validate(query));
    }

    @Test
    void validQueriesValidate() {
        assertEquals(List.of(), JqEvaluator.validate(".a"));
        assertEquals(List.of(), JqEvaluator.validate("[.items[] | {x}]"));
    }

    @Test
    void runtimeErrorsCarryJqsMessage() {
        ScriptFailure indexing = assertThrows(ScriptFailure.class, () -> jq.evaluate(".a.b", INPUT));
        assertTrue(indexing.getMessage().startsWith("jq error: "), indexing.getMessage());
        assertTrue(indexing.getMessage().contains("number"), indexing.getMessage());

        ScriptFailure adding = assertThrows(ScriptFailure.class, () -> jq.evaluate(".a + .b", INPUT));
        assertTrue(adding.getMessage().startsWith("jq error: "), adding.getMessage());

        ScriptFailure raised = assertThrows(ScriptFailure.class, () -> jq.evaluate("error(\"custom failure\")", INPUT));
        assertTrue(raised.getMessage().contains("custom failure"), raised.getMessage());
    }

    @Test
    void unknownFunctionFails() {
        ScriptFailure failure = assertThrows(ScriptFailure.class, () -> jq.evaluate("no_such_function(1)", INPUT));
        assertTrue(failure.getMessage().contains("no_such_function"), failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"env", "$ENV", "env.PATH", "import \"foo\" as foo; .", "include \"foo\"; .", "input", "$__prog_args"})
    void cannotReachTheHost(String query) {
        assertThrows(ScriptFailure.class, () -> jq.evaluate(query, INPUT), query);
    }

    @Test
    void endlessGeneratorIsCut() {
        ScriptFailure failure = assertThrows(ScriptFailure.class, () -> jq.evaluate("range(1e9)", INPUT));
        assertTrue(failure.getMessage().contains("more than " + JqEvaluator.MAX_OUTPUTS + " outputs"), failure.getMessage());
        ScriptFailure hidden = assertThrows(ScriptFailure.class, () -> jq.evaluate("try (range(1e9)) catch 0", INPUT));
        assertTrue(hidden.getMessage().contains("outputs"), hidden.getMessage());
        ScriptFailure optional = assertThrows(ScriptFailure.class, () -> jq.evaluate("(range(1e9))?", INPUT));
        assertTrue(optional.getMessage().contains("outputs"), optional.getMessage());
    }

    @Test
    void endlessRecursionFails() {
        ScriptFailure failure = assertThrows(ScriptFailure.class, () -> jq.evaluate("def f: 1 + f; f", INPUT));
        assertTrue(failure.getMessage().startsWith("jq"), failure.getMessage());
    }

    @Test
    void outputsCannotBeChangedByTheCaller() throws ScriptFailure {
        List<JsonNode> outputs = jq.evaluate(".a", INPUT);
        assertThrows(UnsupportedOperationException.class, () -> outputs.add(json("1")));
    }

    @Test
    void concurrentQueriesAgree() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                String query = n % 2 == 0 ? "[.[] | . * 2] | add" : "map(. + 1) | length";
                results.add(pool.submit(() -> {
                    JsonNode input = json("[" + n + ", 1, 2]");
                    List<JsonNode> out = jq.evaluate(query, input);
                    JsonNode expected = n % 2 == 0 ? json(String.valueOf(2 * (n + 3))) : json("3");
                    return out.size() == 1 && out.get(0).equals(expected);
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyDistinctQueriesStayCorrectPastTheCache() throws ScriptFailure {
        for (int i = 0; i < 700; i++) {
            assertEquals(jsonList(String.valueOf(i + 1)), jq.evaluate(". + " + i, json("1")));
        }
        assertEquals(jsonList("2"), jq.evaluate(". + 1", json("1")));
    }
}
