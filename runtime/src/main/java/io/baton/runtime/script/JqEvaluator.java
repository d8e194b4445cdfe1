package io.baton.runtime.script;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Version;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * Runs a jq query (JSON_JQ_TRANSFORM's {@code queryExpression}) with jackson-jq and jq 1.6's
 * builtins. Returns every output; the task's {@code result} is the first, {@code resultList} all.
 *
 * <p>No module loader is installed, so {@code import}/{@code include} cannot reach the file
 * system, and jackson-jq does not load {@code env} by default.
 */
public final class JqEvaluator {

    /** Outputs one query may produce; stops an endless generator like {@code recurse(. + 1)} from filling the heap. */
    public static final int MAX_OUTPUTS = 100_000;

    private static final Version VERSION = Versions.JQ_1_6;
    private static final int CACHE_SIZE = 512;

    private final Map<String, JsonQuery> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, JsonQuery> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    /** Loading the builtins parses jq definitions, so it happens once; jackson-jq allows sharing it read-only. */
    private static final Scope BUILTINS = loadBuiltins();

    public JqEvaluator() {
    }

    /** All outputs of {@code query} run against {@code input}, in order. */
    public List<JsonNode> evaluate(String query, JsonNode input) throws ScriptFailure {
        JsonQuery compiled = compiled(query);
        // jackson-jq's update operators may write into the tree they are given; the caller's stays untouched.
        JsonNode data = input == null ? NullNode.getInstance() : input.deepCopy();
        List<JsonNode> outputs = new ArrayList<>();
        AtomicBoolean overflowed = new AtomicBoolean();
        try {
            compiled.apply(Scope.newChildScope(BUILTINS), data, output -> {
                if (outputs.size() == MAX_OUTPUTS) {
                    // Remembered as well as thrown: jq's try and ? would swallow the exception.
                    overflowed.set(true);
                    throw new JsonQueryException("too many outputs");
                }
                outputs.add(output);
            });
        } catch (JsonQueryException e) {
            if (overflowed.get()) {
                throw tooManyOutputs();
            }
            throw new ScriptFailure("jq error: " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            throw new ScriptFailure("jq query recursed too deeply");
        }
        if (overflowed.get()) {
            throw tooManyOutputs();
        }
        return Collections.unmodifiableList(outputs);
    }

    private static ScriptFailure tooManyOutputs() {
        return new ScriptFailure("jq query produced more than " + MAX_OUTPUTS + " outputs");
    }

    /** Why {@code query} does not compile; empty if it does. */
    public static List<String> validate(String query) {
        try {
            compile(query);
            return List.of();
        } catch (ScriptFailure e) {
            return List.of(e.getMessage());
        }
    }

    private JsonQuery compiled(String query) throws ScriptFailure {
        JsonQuery cached = cache.get(query);
        if (cached != null) {
            return cached;
        }
        // Compiling outside the lock: two threads may both compile a new query, which is harmless.
        JsonQuery compiled = compile(query);
        cache.put(query, compiled);
        return compiled;
    }

    private static JsonQuery compile(String query) throws ScriptFailure {
        if (query == null || query.isBlank()) {
            throw new ScriptFailure("jq query is empty");
        }
        try {
            return JsonQuery.compile(query, VERSION);
        } catch (JsonQueryException e) {
            throw new ScriptFailure("jq query does not compile: " + parserMessage(e), e);
        } catch (StackOverflowError e) {
            throw new ScriptFailure("jq query does not compile: it is nested too deeply");
        }
    }

    /**
     * jackson-jq's own message only repeats the query; its parser's cause says where it broke,
     * followed by a long list of expected tokens that a one-line reason can do without.
     */
    private static String parserMessage(JsonQueryException e) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage() == null ? e.getMessage() : deepest.getMessage();
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }

    private static Scope loadBuiltins() {
        Scope scope = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(VERSION, scope);
        return scope;
    }
}
