package io.baton.runtime.timers;

import io.baton.runtime.entity.Executions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes sleeping executions when they are due: once a second, one scanner in the cluster reads
 * the due rows, wakes each execution (it answers once recovered, timers re-armed), and only then
 * clears its row, so a crash in between wakes it again rather than never.
 */
public final class WakeupScanner {
  private static final Logger LOG = LoggerFactory.getLogger(WakeupScanner.class);
  private static final Duration EVERY = Duration.ofSeconds(1);
  private static final int BATCH = 500;

  private record Scan() {}

  private record Done() {}

  private WakeupScanner() {}

  public static void start(ActorSystem<?> system, JdbcWakeups wakeups, Clock clock) {
    ShardedDaemonProcess.get(system).init(Object.class, "wakeup-scanner", 1,
        i -> Behaviors.<Object>setup(ctx -> create(system, wakeups, clock)).narrow());
  }

  private static Behavior<Object> create(ActorSystem<?> system, JdbcWakeups wakeups, Clock clock) {
    Executions executions = new Executions(system);
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startSingleTimer(new Scan(), EVERY);
      return Behaviors.receive(Object.class)
          .onMessage(Scan.class, scan -> {
            var round = wakeups.due(clock.millis(), BATCH).thenCompose(due -> wakeAll(executions, wakeups, due));
            ctx.pipeToSelf(round, (ok, error) -> {
              if (error != null) LOG.warn("wake-up scan failed: {}", error.toString());
              return new Done();
            });
            return Behaviors.same();
          })
          .onMessage(Done.class, done -> {
            timers.startSingleTimer(new Scan(), EVERY);
            return Behaviors.same();
          })
          .build();
    }));
  }

  private static CompletableFuture<Void> wakeAll(Executions executions, JdbcWakeups wakeups,
      List<JdbcWakeups.Due> due) {
    CompletableFuture<?>[] each = new CompletableFuture<?>[due.size()];
    for (int i = 0; i < due.size(); i++) {
      JdbcWakeups.Due d = due.get(i);
      each[i] = executions.read(d.workflowId(), Duration.ofSeconds(10)).thenCompose(awake -> wakeups.fired(d));
    }
    return CompletableFuture.allOf(each).exceptionally(e -> null);
  }
}
