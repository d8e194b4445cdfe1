package io.baton.runtime.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JavaScriptEvaluatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JavaScriptEvaluator js;

    @BeforeAll
    static void start() {
        js = new JavaScriptEvaluator(JavaScriptEvaluator.Limits.defaults());
    }

    @AfterAll
    static void stop() {
        js.close();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static final JsonNode INPUT = json("""
            {"value": 21, "name": "baton", "flag": true,
             "a": {"b": [1, {"c": "deep"}, 3]},
             "items": [{"price": 2}, {"price": 3.5}]}
            """);

    @Test
    void integerArithmeticStaysInteger() throws ScriptFailure {
        JsonNode result = js.evaluate("$.value * 2", INPUT);
        assertEquals(json("42"), result);
        assertTrue(result.isIntegralNumber(), "42 must not become 42.0: " + result.getNodeType());
        assertEquals("42", result.toString());
        assertEquals(json("2"), js.evaluate("4 / 2", INPUT));
    }

    @Test
    void fractionsStayFractions() throws ScriptFailure {
        assertEquals(5.25, js.evaluate("$.value / 4", INPUT).doubleValue());
    }

    @Test
    void returnsEachJsonType() throws ScriptFailure {
        assertEquals(json("\"hello baton\""), js.evaluate("'hello ' + $.name", INPUT));
        assertEquals(json("true"), js.evaluate("$.value > 20", INPUT));
        assertEquals(json("false"), js.evaluate("!$.flag", INPUT));
        assertEquals(json("null"), js.evaluate("null", INPUT));
        assertEquals(json("null"), js.evaluate("undefined", INPUT));
        assertEquals(json("null"), js.evaluate("var x = 1;", INPUT), "a declaration has no value");
        assertEquals(json("[1,\"two\",null,{\"x\":[]}]"), js.evaluate("[1, 'two', null, {x: []}]", INPUT));
        assertEquals(json("{\"sum\":24,\"nested\":{\"ok\":true}}"),
                js.evaluate("({sum: $.value + 3, nested: {ok: true}})", INPUT));
    }

    @Test
    void readsNestedInput() throws ScriptFailure {
        assertEquals(json("\"deep\""), js.evaluate("$.a.b[1].c", INPUT));
        assertEquals(json("3"), js.evaluate("$.a.b.length", INPUT));
        assertEquals(json("null"), js.evaluate("$.missing === undefined ? null : 'present'", INPUT));
    }

    @Test
    void conductorStyleFunctionExpression() throws ScriptFailure {
        JsonNode input = json("{\"input1\": 1, \"input2\": 2}");
        assertEquals(json("3"), js.evaluate("(function(){ return $.input1 + $.input2; })()", input));
    }

    @Test
    void multiStatementScriptYieldsItsLastExpression() throws ScriptFailure {
        String script = """
                var total = 0;
                for (var i = 0; i < $.items.length; i++) {
                  total += $.items[i].price;
                }
                if (total > 5) { 'big:' + total } else { 'small' }
                """;
        assertEquals(json("\"big:5.5\""), js.evaluate(script, INPUT));
    }

    @Test
    void modernSyntaxWorks() throws ScriptFailure {
        String script = "const names = $.items.map(item => `p${item.price}`); names.join(',')";
        assertEquals(json("\"p2,p3.5\""), js.evaluate(script, INPUT));
    }

    @Test
    void dateBecomesIsoText() throws ScriptFailure {
        assertEquals(json("\"1970-01-02T00:00:00.000Z\""), js.evaluate("new Date(86400000)", INPUT));
        assertEquals(json("{\"at\":\"1970-01-01T00:00:00.000Z\"}"), js.evaluate("({at: new Date(0)})", INPUT));
    }

    @Test
    void nonJsonValuesBecomeNullAsInJsonStringify() throws ScriptFailure {
        assertEquals(json("null"), js.evaluate("1 / 0", INPUT));
        assertEquals(json("null"), js.evaluate("new Date(NaN)", INPUT));
        assertEquals(json("{\"kept\":1}"), js.evaluate("({kept: 1, dropped: undefined, fn: function () {}})", INPUT));
        assertEquals(json("[null]"), js.evaluate("[NaN]", INPUT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(function () { return 1; })", "() => 1", "Symbol('s')", "10n",
            "var o = {}; o.self = o; o"})
    void valuesWithoutJsonFormFail(String script) {
        ScriptFailure failure = assertThrows(ScriptFailure.class, () -> js.evaluate(script, INPUT));
        assertTrue(failure.getMessage().startsWith("JavaScript error: "), failure.getMessage());
    }

    @Test
    void functionResultSaysSo() {
        ScriptFailure failure = assertThrows(ScriptFailure.class, () -> js.evaluate("(function(){})", INPUT));
        assertTrue(failure.getMessage().contains("function"), failure.getMessage());
    }

    @Test
    void inputIsNotMutated() throws ScriptFailure {
        JsonNode input = json("{\"a\": {\"b\": [1]}, \"value\": 1}");
        JsonNode before = input.deepCopy();
        JsonNode result = js.evaluate("$.a.b.push(2); $.value = 99; delete $.a.x; $", input);
        assertEquals(json("{\"a\": {\"b\": [1, 2]}, \"value\": 99}"), result);
        assertEquals(before, input);
    }

    @Test
    void evaluationsDoNotShareGlobals() throws ScriptFailure {
        js.evaluate("globalThis.leak = 'x'; Object.prototype.polluted = 1; 0", INPUT);
        assertEquals(json("\"undefined\""), js.evaluate("typeof leak", INPUT));
        assertEquals(json("\"undefined\""), js.evaluate("typeof ({}).polluted", INPUT));
    }

    @Test
    void inputCanBeAnyJsonValue() throws ScriptFailure {
        assertEquals(json("true"), js.evaluate("$ === null", null));
        assertEquals(json("4"), js.evaluate("$.length", json("[1,2,3,4]")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "true | true", "false | false", "1 | true", "0 | false", "-1 | true", "'' | false",
            "'false' | true", "null | false", "undefined | false", "[] | true", "({}) | true",
            "NaN | false", "$.value > 20 | true", "$.a.b.length < 3 | false", "$.missing | false"})
    void conditionUsesJavaScriptTruthiness(String script, boolean expected) throws ScriptFailure {
        assertEquals(expected, js.evaluateCondition(script, INPUT), script);
    }

    @Test
    void loopConditionStyleScript() throws ScriptFailure {
        String script = "if ($.loop['iteration'] < 3) { true; } else { false; }";
        assertTrue(js.evaluateCondition(script, json("{\"loop\": {\"iteration\": 2}}")));
        assertFalse(js.evaluateCondition(script, json("{\"loop\": {\"iteration\": 3}}")));
    }

    @Test
    void thrownErrorCarriesItsMessage() {
        ScriptFailure failure = assertThrows(ScriptFailure.class,
                () -> js.evaluate("if ($.value > 1) { throw new Error('value too big: ' + $.value); } 1", INPUT));
        assertTrue(failure.getMessage().contains("value too big: 21"), failure.getMessage());
        ScriptFailure thrownString = assertThrows(ScriptFailure.class, () -> js.evaluate("throw 'plain'", INPUT));
        assertTrue(thrownString.getMessage().contains("plain"), thrownString.getMessage());
    }

    @Test
    void typeErrorOnMissingInputIsReported() {
        ScriptFailure failure = assertThrows(ScriptFailure.class, () -> js.evaluate("$.missing.deep", INPUT));
        assertTrue(failure.getMessage().contains("TypeError"), failure.getMessage());
        assertTrue(failure.getMessage().contains("deep"), failure.getMessage());
    }

    @Test
    void errorNamesTheLineOfTheScript() {
        ScriptFailure failure = assertThrows(ScriptFailure.class, () -> js.evaluate("var a = 1;\nvar b = null;\nb.field", INPUT));
        assertTrue(failure.getMessage().endsWith("(line 3)"), failure.getMessage());
    }

    @Test
    void tooDeepDataFailsCleanly() {
        com.fasterxml.jackson.databind.node.ArrayNode deep = JSON.createArrayNode();
        for (int i = 0; i < 1500; i++) {
            deep = JSON.createArrayNode().add(deep);
        }
        JsonNode tooDeep = deep;
        ScriptFailure input = assertThrows(ScriptFailure.class, () -> js.evaluate("1", tooDeep));
        assertTrue(input.getMessage().startsWith("input cannot be passed to JavaScript"), input.getMessage());
        ScriptFailure deeper = assertThrows(ScriptFailure.class,
                () -> js.evaluate("var v = []; for (var i = 0; i < 100000; i++) { v = [v]; } v", INPUT));
        assertTrue(deeper.getMessage().startsWith("JavaScript"), deeper.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 +", "function (", "$.value *", "return 1", "{ a: 1, b: }"})
    void syntaxErrorsAreNamed(String script) {
        ScriptFailure failure = assertThrows(ScriptFailure.class, () -> js.evaluate(script, INPUT));
        assertTrue(failure.getMessage().startsWith("JavaScript syntax error: "), failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"), "one line: " + failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n"})
    void emptyScriptFails(String script) {
        assertThrows(ScriptFailure.class, () -> js.evaluate(script, INPUT));
        assertThrows(ScriptFailure.class, () -> js.evaluate(null, INPUT));
    }

    @Test
    void endlessLoopStopsAtTheTimeLimit() throws ScriptFailure {
        Duration timeout = Duration.ofMillis(500);
        try (JavaScriptEvaluator timed = new JavaScriptEvaluator(new JavaScriptEvaluator.Limits(timeout, Long.MAX_VALUE))) {
            long start = System.nanoTime();
            ScriptFailure failure = assertThrows(ScriptFailure.class, () -> timed.evaluate("while(true){}", INPUT));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(failure.getMessage().contains("exceeded the time limit of 500 ms"), failure.getMessage());
            assertTrue(took.compareTo(timeout) >= 0, "stopped before the limit: " + took);
            assertTrue(took.compareTo(timeout.plusSeconds(2)) < 0, "took " + took);
            // The evaluator is still usable afterwards.
            assertEquals(json("42"), timed.evaluate("$.value * 2", INPUT));
        }
    }

    @Test
    void endlessLoopWithDefaultsFailsQuickly() {
        long start = System.nanoTime();
        ScriptFailure failure = assertThrows(ScriptFailure.class, () -> js.evaluate("while(true){}", INPUT));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(failure.getMessage().contains("exceeded"), failure.getMessage());
        assertTrue(took.compareTo(js.limits().timeout().plusSeconds(2)) < 0, "took " + took);
    }

    @Test
    void statementLimitStopsLongLoops() throws ScriptFailure {
        try (JavaScriptEvaluator limited = new JavaScriptEvaluator(new JavaScriptEvaluator.Limits(Duration.ofSeconds(30), 10_000))) {
            ScriptFailure failure = assertThrows(ScriptFailure.class,
                    () -> limited.evaluate("var n = 0; for (var i = 0; i < 100000; i++) { n++; } n", INPUT));
            assertTrue(failure.getMessage().contains("exceeded the limit of 10000 statements"), failure.getMessage());
            // The limit is per evaluation, not summed over them.
            for (int run = 0; run < 5; run++) {
                assertEquals(json("1000"), limited.evaluate("var n = 0; for (var i = 0; i < 1000; i++) { n++; } n", INPUT));
            }
        }
    }

    @Test
    void deepRecursionFails() {
        ScriptFailure failure = assertThrows(ScriptFailure.class,
                () -> js.evaluate("function f(n) { return f(n + 1) + 1; } f(0)", INPUT));
        assertTrue(failure.getMessage().startsWith("JavaScript"), failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "java.lang.System",
            "java.lang.System.getProperty('user.home')",
            "Java.type('java.lang.Runtime')",
            "Java.type('java.lang.Runtime').getRuntime().exec('true')",
            "Packages.java.io.File",
            "Polyglot.import('x')",
            "Polyglot.eval('js', '1')",
            "load('x')",
            "load('/etc/passwd')",
            "loadWithNewGlobal({script: '1', name: 'x'})",
            "require('fs')",
            "require('child_process').execSync('true')",
            "print('x')",
            "quit()",
            "readFully('/etc/passwd')",
            "new Worker('x')",
            "process.env",
            "Graal.versionJS",
            "importScripts('x')"})
    void sandboxDeniesTheOutsideWorld(String script) {
        ScriptFailure failure = assertThrows(ScriptFailure.class, () -> js.evaluate(script, INPUT), script);
        assertTrue(failure.getMessage().startsWith("JavaScript error: "), failure.getMessage());
    }

    @Test
    void importAndEvalOpenNoDoor() throws ScriptFailure {
        // Scripts are not modules, so a static import does not even parse.
        ScriptFailure staticImport = assertThrows(ScriptFailure.class,
                () -> js.evaluate("import x from '/etc/passwd'; x", INPUT));
        assertTrue(staticImport.getMessage().startsWith("JavaScript syntax error"), staticImport.getMessage());
        // A dynamic import only yields a promise, settled after the result is taken; nothing is read into it.
        assertEquals(json("{}"), js.evaluate("import('/etc/passwd')", INPUT));
        ScriptFailure viaEval = assertThrows(ScriptFailure.class,
                () -> js.evaluate("eval('Java.type(\"java.lang.System\")')", INPUT));
        assertTrue(viaEval.getMessage().contains("Java is not defined"), viaEval.getMessage());
    }

    @Test
    void globalsOfferNoInterop() throws ScriptFailure {
        JsonNode names = js.evaluate("Object.getOwnPropertyNames(globalThis)", INPUT);
        List<String> found = new ArrayList<>();
        names.forEach(name -> found.add(name.asText()));
        for (String banned : List.of("Java", "Packages", "java", "javax", "Polyglot", "load", "print", "require", "Graal")) {
            assertFalse(found.contains(banned), banned + " is visible: " + found);
        }
        assertTrue(found.contains("$"));
        assertTrue(found.contains("JSON"));
    }

    @Test
    void concurrentEvaluationsKeepTheirOwnInput() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int value = i;
                results.add(pool.submit(() -> {
                    JsonNode input = json("{\"value\": " + value + "}");
                    JsonNode out = js.evaluate("var doubled = $.value * 2; ({doubled: doubled, id: $.value})", input);
                    return out.equals(json("{\"doubled\": " + (2 * value) + ", \"id\": " + value + "}"))
                            && js.evaluateCondition("$.value % 2 === 0", input) == (value % 2 == 0);
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
    void aRunawayScriptDoesNotHoldUpOthers() throws Exception {
        try (JavaScriptEvaluator timed = new JavaScriptEvaluator(
                new JavaScriptEvaluator.Limits(Duration.ofSeconds(3), Long.MAX_VALUE))) {
            ExecutorService pool = Executors.newFixedThreadPool(1);
            try {
                java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
                Future<?> runaway = pool.submit(() -> {
                    started.countDown();
                    return timed.evaluate("while(true){}", INPUT);
                });
                assertTrue(started.await(5, TimeUnit.SECONDS));
                for (int i = 0; i < 20; i++) {
                    assertEquals(json("42"), timed.evaluate("$.value * 2", INPUT));
                }
                assertFalse(runaway.isDone(), "the other evaluations should finish while the runaway still runs");
                java.util.concurrent.ExecutionException failed = assertThrows(
                        java.util.concurrent.ExecutionException.class, () -> runaway.get(10, TimeUnit.SECONDS));
                assertTrue(failed.getCause() instanceof ScriptFailure, String.valueOf(failed.getCause()));
                assertTrue(failed.getCause().getMessage().contains("time limit"), failed.getCause().getMessage());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void closedEvaluatorRefusesWork() {
        JavaScriptEvaluator closing = new JavaScriptEvaluator(JavaScriptEvaluator.Limits.defaults());
        closing.close();
        closing.close();
        assertThrows(IllegalStateException.class, () -> closing.evaluate("1", INPUT));
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new JavaScriptEvaluator.Limits(Duration.ZERO, 1));
        assertThrows(IllegalArgumentException.class, () -> new JavaScriptEvaluator.Limits(Duration.ofSeconds(1), 0));
        assertThrows(NullPointerException.class, () -> new JavaScriptEvaluator.Limits(null, 1));
    }

    @Test
    void warmEvaluationIsCheap() throws ScriptFailure {
        for (int i = 0; i < 200; i++) {
            js.evaluate("$.value * 2", INPUT);
        }
        int runs = 300;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            js.evaluate("$.value * 2", INPUT);
        }
        double micros = (System.nanoTime() - start) / 1000.0 / runs;
        System.out.printf("warm JavaScript evaluation: %.0f us each over %d runs%n", micros, runs);
        // A generous bound: this guards against losing the shared engine (tens of ms per context), not tuning.
        assertTrue(micros < 50_000, "warm evaluation took " + micros + " us");
    }
}
