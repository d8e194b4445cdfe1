package io.baton.http.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
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
    Scripted attempts = new Scripted(new ExecutionReply.Rejected(Rejection.conflict("task already COMPLETED")));

    ExecutionReply reply = await(ResultReport.deliver(attempts, system));

    assertInstanceOf(ExecutionReply.Rejected.class, reply);
    assertEquals(1, attempts.timeouts().size());
  }

  @Test
  void givesUpAfterItsAttemptsWithTheLastFailure() {
    Scripted attempts = new Scripted(new TimeoutException("no reply"));

    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> await(ResultReport.deliver(attempts, system)));

    assertInstanceOf(TimeoutException.class, failed.getCause());
    assertEquals(ResultReport.ATTEMPTS, attempts.timeouts().size());
  }

  @Test
  void allAttemptsEndWellInsideTheMarginTheLeaseBoundLeavesForTheReport() {
    // A few seconds stay for the lease's wait in the task queue's batch.
    long room = SystemTaskLeases.REPORT_MARGIN_MILLIS - ResultReport.worstCase().toMillis();
    assertTrue(room >= 5_000, "worst case " + ResultReport.worstCase() + " leaves " + room + " ms of the margin");
  }
}
