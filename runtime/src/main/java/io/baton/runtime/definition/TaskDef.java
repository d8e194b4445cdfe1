package io.baton.runtime.definition;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task definition. Every numeric setting is nullable so "not given" stays distinguishable from
 * zero; the {@code effective*} accessors apply Conductor's defaults.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskDef(
    String name,
    String description,
    Integer retryCount,
    Long timeoutSeconds,
    List<String> inputKeys,
    List<String> outputKeys,
    String timeoutPolicy,
    String retryLogic,
    Integer retryDelaySeconds,
    Long responseTimeoutSeconds,
    Integer concurrentExecLimit,
    ObjectNode inputTemplate,
    Integer rateLimitPerFrequency,
    Integer rateLimitFrequencyInSeconds,
    String ownerEmail,
    Integer pollTimeoutSeconds,
    Integer backoffScaleFactor,
    Integer maxRetryDelaySeconds,
    Long backoffJitterMs,
    Long totalTimeoutSeconds,
    Long createTime,
    Long updateTime,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

  public static final String FIXED = "FIXED";
  public static final String LINEAR_BACKOFF = "LINEAR_BACKOFF";
  public static final String EXPONENTIAL_BACKOFF = "EXPONENTIAL_BACKOFF";

  public TaskDef {
    extra = extra == null ? new LinkedHashMap<>() : extra;
  }

  /** The definition a task gets when its name was never registered. */
  public static TaskDef unregistered(String name) {
    return new TaskDef(name, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null).withDefaults();
  }

  /** The definition with Conductor's defaults filled in, as stored at registration. */
  public TaskDef withDefaults() {
    return new TaskDef(name, description, retryCount == null ? 3 : retryCount,
        timeoutSeconds == null ? 0L : timeoutSeconds, inputKeys, outputKeys,
        timeoutPolicy == null ? "TIME_OUT_WF" : timeoutPolicy,
        retryLogic == null ? FIXED : retryLogic,
        retryDelaySeconds == null ? 60 : retryDelaySeconds,
        responseTimeoutSeconds == null ? 3600L : responseTimeoutSeconds, concurrentExecLimit,
        inputTemplate, rateLimitPerFrequency == null ? 0 : rateLimitPerFrequency,
        rateLimitFrequencyInSeconds == null ? 1 : rateLimitFrequencyInSeconds, ownerEmail,
        pollTimeoutSeconds, backoffScaleFactor == null ? 1 : backoffScaleFactor,
        maxRetryDelaySeconds, backoffJitterMs, totalTimeoutSeconds == null ? 0L : totalTimeoutSeconds,
        createTime, updateTime, extra);
  }

  public TaskDef withTimes(Long created, Long updated) {
    return new TaskDef(name, description, retryCount, timeoutSeconds, inputKeys, outputKeys,
        timeoutPolicy, retryLogic, retryDelaySeconds, responseTimeoutSeconds, concurrentExecLimit,
        inputTemplate, rateLimitPerFrequency, rateLimitFrequencyInSeconds, ownerEmail,
        pollTimeoutSeconds, backoffScaleFactor, maxRetryDelaySeconds, backoffJitterMs,
        totalTimeoutSeconds, created, updated, extra);
  }

  public int effectiveRetryCount() {
    return retryCount == null ? 3 : retryCount;
  }

  public int effectiveRetryDelaySeconds() {
    return retryDelaySeconds == null ? 60 : retryDelaySeconds;
  }

  public long effectiveResponseTimeoutSeconds() {
    return responseTimeoutSeconds == null ? 3600L : responseTimeoutSeconds;
  }
}
