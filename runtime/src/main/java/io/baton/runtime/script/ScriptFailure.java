package io.baton.runtime.script;

/**
 * A script or query that could not be evaluated. The message is written for people: it is what a
 * failed task shows as its {@code reasonForIncompletion}.
 */
public final class ScriptFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public ScriptFailure(String message) {
        super(message);
    }

    public ScriptFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
