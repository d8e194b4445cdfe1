package io.baton.runtime.events;

/**
 * Where an EVENT task's message goes. Conductor's naming: sink {@code conductor} publishes to
 * {@code conductor:<workflowName>:<taskReferenceName>}, sink {@code conductor:<queue>} to
 * {@code conductor:<workflowName>:<queue>}; a handler listens on exactly that name. Other
 * systems (sqs, kafka, nats, amqp) are not part of this server.
 */
public final class EventSink {
  public static final String CONDUCTOR = "conductor";
  private static final String PREFIX = CONDUCTOR + ":";

  private EventSink() {}

  /** The queue's full name, or what is wrong with the sink. */
  public sealed interface Target {}

  public record Queue(String name) implements Target {}

  public record Unsupported(String reason) implements Target {}

  public static Target resolve(String sink, String workflowName, String taskReferenceName) {
    if (sink == null || sink.isBlank()) return new Unsupported("no sink specified in the EVENT task");
    String s = sink.trim();
    if (s.contains("${")) {
      return new Unsupported("sink expressions are not supported by this server: " + s);
    }
    if (s.equals(CONDUCTOR)) return new Queue(PREFIX + workflowName + ":" + taskReferenceName);
    if (s.startsWith(PREFIX) && s.length() > PREFIX.length()) {
      return new Queue(PREFIX + workflowName + ":" + s.substring(PREFIX.length()));
    }
    if (s.startsWith(CONDUCTOR)) return new Unsupported("invalid sink: " + s);
    return new Unsupported("sink type not supported by this server: " + s
        + " (supported: conductor, conductor:<queue>)");
  }

  /** Whether handlers for this event name can ever receive a message here. */
  public static boolean isConductorEvent(String event) {
    return event != null && event.startsWith(PREFIX) && event.length() > PREFIX.length();
  }
}
