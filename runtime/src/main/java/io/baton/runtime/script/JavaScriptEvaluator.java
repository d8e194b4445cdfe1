package io.baton.runtime.script;

import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * Runs a JavaScript expression/script with {@code $} bound to the task input (a JSON object), the
 * way Conductor's INLINE task, SWITCH's javascript/graaljs evaluator and DO_WHILE's loopCondition
 * do: the text is evaluated as a script and the value of its last expression is the result.
 *
 * <p>Each evaluation gets a fresh, sandboxed context on one shared engine, so evaluations cannot
 * see each other's globals, and parsed sources are reused across contexts. Data crosses the
 * boundary only as JSON text, so a script never holds a reference to a Java object.
 */
public final class JavaScriptEvaluator implements AutoCloseable {

    /** How long and how many statements one evaluation may run. */
    public record Limits(Duration timeout, long maxStatements) {
        public Limits {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            if (maxStatements < 1) {
                throw new IllegalArgumentException("maxStatements must be positive: " + maxStatements);
            }
        }

        public static Limits defaults() {
            return new Limits(Duration.ofSeconds(2), 1_000_000);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT_NAME = "script";

    /**
     * Like HostAccess.NONE, minus the mutable list/map mappings that the CONSTRAINED sandbox
     * policy rejects. Scripts never receive a host object anyway.
     */
    private static final HostAccess NO_HOST_ACCESS = HostAccess.newBuilder()
            .allowMutableTargetMappings()
            .build();

    /**
     * Evaluated in every context before the user's script. It removes the Java interop globals
     * (already powerless without host access, but a script should see plainly that they are gone)
     * and keeps its own references to JSON.parse/stringify, so a script that reassigns them cannot
     * change how data crosses over.
     */
    private static final Source BRIDGE = Source.create("js", """
            (function () {
              for (const name of ['Java', 'Packages', 'java', 'javax', 'javafx', 'com', 'org', 'edu']) {
                delete globalThis[name];
              }
              const parse = JSON.parse;
              const stringify = JSON.stringify;
              return {
                input: (text) => parse(text),
                toJson: (value) => {
                  if (typeof value === 'function') {
                    throw new TypeError('the result is a function, not JSON data');
                  }
                  if (typeof value === 'symbol') {
                    throw new TypeError('the result is a symbol, not JSON data');
                  }
                  const text = stringify(value);
                  return text === undefined ? 'null' : text;
                },
                truthy: (value) => !!value,
              };
            })()
            """);

    /** Touches what scripts commonly use (JSON, strings, regular expressions, arrays, dates). */
    private static final Source WARM_UP = Source.create("js", """
            var words = ($.text + ' ' + JSON.stringify($.list)).split(/\\s+/).map(w => w.toUpperCase());
            ({count: words.length, first: words[0], when: new Date(0), ok: /^H/.test(words[0]),
              sum: $.list.reduce((a, b) => a + b, 0), text: `${words.join('-')}`.substring(1)})
            """);

    private final Limits limits;
    private final Engine engine;
    private final ResourceLimits resourceLimits;
    private final ScheduledThreadPoolExecutor watchdog;
    private final AtomicBoolean closed = new AtomicBoolean();

    public JavaScriptEvaluator(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.engine = Engine.newBuilder("js")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .option("engine.WarnInterpreterOnly", "false")
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build();
        // One instance for all contexts: an engine shared by contexts needs the same limits object.
        this.resourceLimits = ResourceLimits.newBuilder()
                .statementLimit(limits.maxStatements(), null)
                .build();
        this.watchdog = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "baton-js-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        this.watchdog.setRemoveOnCancelPolicy(true);
        warmUp();
    }

    public Limits limits() {
        return limits;
    }

    /** The script's value as JSON: undefined and null become {@link NullNode}, a Date its ISO text. */
    public JsonNode evaluate(String script, JsonNode input) throws ScriptFailure {
        String json = run(script, input, (bridge, result) -> bridge.invokeMember("toJson", result).asString());
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ScriptFailure("JavaScript result cannot be read as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Whether the script's value is truthy in JavaScript's sense. */
    public boolean evaluateCondition(String script, JsonNode input) throws ScriptFailure {
        return run(script, input, (bridge, result) -> bridge.invokeMember("truthy", result).asBoolean());
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            watchdog.shutdownNow();
            engine.close(true);
        }
    }

    private interface Conversion<T> {
        T apply(Value bridge, Value result);
    }

    private <T> T run(String script, JsonNode input, Conversion<T> conversion) throws ScriptFailure {
        if (closed.get()) {
            throw new IllegalStateException("JavaScriptEvaluator is closed");
        }
        if (script == null || script.isBlank()) {
            throw new ScriptFailure("JavaScript expression is empty");
        }
        String inputJson = toJsonText(input);
        Source source = Source.newBuilder("js", script, SCRIPT_NAME).buildLiteral();
        AtomicBoolean timedOut = new AtomicBoolean();
        Context context = newContext();
        ScheduledFuture<?> alarm = watchdog.schedule(() -> {
            timedOut.set(true);
            cancel(context);
        }, limits.timeout().toNanos(), TimeUnit.NANOSECONDS);
        try {
            return execute(context, source, inputJson, conversion);
        } catch (PolyglotException e) {
            throw describe(e, timedOut.get());
        } finally {
            alarm.cancel(false);
            cancel(context);
        }
    }

    private static <T> T execute(Context context, Source source, String inputJson, Conversion<T> conversion) {
        Value bridge = context.eval(BRIDGE);
        context.getBindings("js").putMember("$", bridge.invokeMember("input", inputJson));
        Value result = context.eval(source);
        return conversion.apply(bridge, result);
    }

    /**
     * The first evaluation on a new engine loads and initialises the JavaScript implementation,
     * which takes seconds on a cold JVM: done here, without a time limit, so that the first task
     * to run a script is not failed for a slow start.
     */
    private void warmUp() {
        try (Context context = newContext()) {
            execute(context, WARM_UP, "{\"text\": \"hello world\", \"list\": [1, 2, 3]}",
                    (bridge, result) -> bridge.invokeMember("toJson", result).asString());
        }
    }

    private Context newContext() {
        return Context.newBuilder("js")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .allowAllAccess(false)
                .allowHostAccess(NO_HOST_ACCESS)
                .allowHostClassLookup(className -> false)
                .allowHostClassLoading(false)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .resourceLimits(resourceLimits)
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.graal-builtin", "false")
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build();
    }

    private static void cancel(Context context) {
        try {
            context.close(true);
        } catch (PolyglotException | IllegalStateException e) {
            // Already closed or closing: nothing left to stop.
        }
    }

    private ScriptFailure describe(PolyglotException e, boolean timedOut) {
        if (timedOut && e.isCancelled()) {
            return new ScriptFailure("JavaScript exceeded the time limit of "
                    + limits.timeout().toMillis() + " ms", e);
        }
        if (e.isResourceExhausted() && e.isCancelled()) {
            return new ScriptFailure("JavaScript exceeded the limit of "
                    + limits.maxStatements() + " statements", e);
        }
        if (e.isResourceExhausted()) {
            return new ScriptFailure("JavaScript ran out of resources: " + e.getMessage(), e);
        }
        if (e.isSyntaxError()) {
            return new ScriptFailure("JavaScript syntax error: " + firstLine(e.getMessage())
                    .replaceFirst("^SyntaxError: ", ""), e);
        }
        if (e.isGuestException()) {
            return new ScriptFailure("JavaScript error: " + e.getMessage() + where(e), e);
        }
        return new ScriptFailure("JavaScript evaluation failed: " + e.getMessage(), e);
    }

    private static String where(PolyglotException e) {
        SourceSection section = e.getSourceLocation();
        boolean inScript = section != null && section.isAvailable() && SCRIPT_NAME.equals(section.getSource().getName());
        return inScript ? " (line " + section.getStartLine() + ")" : "";
    }

    /** Graal appends the offending source line and a caret, which a one-line reason can do without. */
    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static String toJsonText(JsonNode input) throws ScriptFailure {
        try {
            return JSON.writeValueAsString(input == null ? NullNode.getInstance() : input);
        } catch (JsonProcessingException e) {
            // Only Jackson's stream limits (e.g. nesting depth) make a tree unwritable.
            throw new ScriptFailure("input cannot be passed to JavaScript: " + e.getOriginalMessage(), e);
        }
    }
}
