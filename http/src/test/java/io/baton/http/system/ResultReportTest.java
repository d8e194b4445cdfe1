package io.baton.http.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.baton.bridge.TaskQueue;
import io.baton.runtime.decider.Rejection;
import io.baton.runtime.decider.SystemTaskLeases;
import io.baton.runtime.entity.ExecutionReply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The system task runner's report: tried again while unanswered, never after an answer. */
class ResultReportTest {
  private static ActorSystem<Void> system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create(Behaviors.empty(), "result-report-test",
        ConfigFactory.parseString("pekko.actor.provider = local\npekko.loglevel = WARNING"));
  }

  @AfterAll
  static void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Answers each attempt with the next of {@code answers}: a reply, or a failure for a Throwable. */
  private record Scripted(List<Object> answers, List<Duration> timeouts)
      implements Function<Duration, CompletionStage<ExecutionReply>> {
    Scripted(Object... answers) {
      this(List.of(answers), new CopyOnWriteArrayList<>());
    }

    @Override
    public CompletionStage<ExecutionReply> apply(Duration timeout) {
      timeouts.add(timeout);
      Object answer = answers.get(Math.min(timeouts.size() - 1, answers.size() - 1));
      return answer instanceof Throwable t
          ? CompletableFuture.failedFuture(t)
          : CompletableFuture.completedFuture((ExecutionReply) answer);
    }
  }

  private static ExecutionReply await(CompletionStage<ExecutionReply> reply) throws Exception {
    return reply.toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void unansweredReportsAreTriedAgainUntilOneIsAnswered() throws Exception {
    ExecutionReply accepted = new ExecutionReply.Accepted("wf-1");
    Scripted attempts = new Scripted(new TimeoutException("no reply"), new TimeoutException("no reply"), accepted);

    assertEquals(accepted, await(ResultReport.deliver(attempts, system)));
    assertEquals(List.of(ResultReport.ATTEMPT_TIMEOUT, ResultReport.ATTEMPT_TIMEOUT, ResultReport.ATTEMPT_TIMEOUT),
        attempts.timeouts());
  }

  @Test
  void aRejectionIsAnAnswerAndIsNotTriedAgain() throws Exception {
    Scripted attempts = new Scripted(new ExecutionReply.Rejected(Rejection.notFound("workflow wf-1 not found")));

    ExecutionReply reply = await(ResultReport.deliver(attempts, system));

    assertInstanceOf(ExecutionReply.Rejected.class, reply);
    assertEquals(1, attempts.timeouts().size());
  }

  @Test
  void givesUpAfterItsAttemptsWithTheLastFailure() {
    Scripted attempts = new Scripted(new TimeoutException("no reply"));
    long start = System.nanoTime();

    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> await(ResultReport.deliver(attempts, system)));

    assertInstanceOf(TimeoutException.class, failed.getCause());
    assertEquals(ResultReport.ATTEMPTS, attempts.timeouts().size());
    // The attempts fail at once, so the time is the pauses: at least 1 + 2 + 2 s without jitter
    // (less would mean Pekko's backoff is not the one worstCase() counts).
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(tookMillis >= 4_900, "gave up after " + tookMillis + " ms");
  }

  @Test
  void allAttemptsEndInsideTheMarginTheLeaseBoundLeavesForTheReport() {
    // What stays must cover the lease's wait in the task queue's batch, and then some.
    Duration room = Duration.ofMillis(SystemTaskLeases.REPORT_MARGIN_MILLIS).minus(ResultReport.worstCase());
    assertTrue(room.compareTo(TaskQueue.LEASE_TIMEOUT.plusSeconds(1)) > 0,
        "worst case " + ResultReport.worstCase() + " leaves " + room + " of the margin");
  }

  @Test
  void theWorstCaseFollowsPekkosBackoff() {
    // Pekko doubles the least pause from the first retry on, caps it, then adds up to JITTER.
    assertEquals(Duration.ofMillis(1_200), ResultReport.longestPause(1));
    assertEquals(Duration.ofMillis(2_400), ResultReport.longestPause(2));
    assertEquals(Duration.ofMillis(2_400), ResultReport.longestPause(3));
    assertEquals(Duration.ofMillis(4 * 4_000 + 1_200 + 2_400 + 2_400), ResultReport.worstCase());
  }
}
