package io.baton.runtime.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The queue entity: write-ahead publish, one message at a time, marked handled only after its
 * handling finished, retried when that failed for now, and handled again after a restart.
 */
class EventQueueTest {
  static final ActorTestKit TESTKIT = ActorTestKit.create(EventSourcedBehaviorTestKit.config()
      .withFallback(ConfigFactory.parseString(
          "pekko.actor.serialization-bindings { \"io.baton.runtime.CborSerializable\" = jackson-cbor }"))
      .withFallback(ConfigFactory.load()));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUEUE = "conductor:wf:q";

  @AfterAll
  static void stop() {
    TESTKIT.shutdownTestKit();
  }

  private static EventSourcedBehaviorTestKit<QueueCommand, QueueEvent, QueueState> kit(MessageHandler handler) {
    var kit = EventSourcedBehaviorTestKit.<QueueCommand, QueueEvent, QueueState>create(TESTKIT.system(),
        EventQueue.create(QUEUE, null, handler, Clock.systemUTC()));
    kit.clear();
    return kit;
  }

  private static ObjectNode payload(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("not within 10s: " + what);
      Thread.sleep(20);
    }
  }

  @Test
  void aPublishedMessageIsDurableThenHandledAndARepublishIsRecognised() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    var kit = kit((queue, m) -> {
      seen.add(queue + "/" + m.id() + "/" + m.payload().get("n").asInt());
      return CompletableFuture.completedFuture(MessageHandler.Outcome.done(List.of()));
    });
    var published = kit.<QueueReply>runCommand(r -> new QueueCommand.Publish("m1", payload("{\"n\":1}"), r));
    assertEquals(new QueueReply.Published("m1", false), published.reply());
    assertInstanceOf(QueueEvent.MessagePublished.class, published.event());

    eventually(() -> kit.getState().pending().isEmpty(), "m1 handled");
    assertEquals(List.of(QUEUE + "/m1/1"), seen);
    assertEquals(List.of("m1"), kit.getState().recentlyHandled());

    var again = kit.<QueueReply>runCommand(r -> new QueueCommand.Publish("m1", payload("{\"n\":1}"), r));
    assertEquals(new QueueReply.Published("m1", true), again.reply());
    assertTrue(again.hasNoEvents());
  }

  @Test
  void messagesAreHandledOneAtATimeInArrivalOrder() throws Exception {
    List<String> order = new CopyOnWriteArrayList<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlap = new AtomicInteger();
    var kit = kit((queue, m) -> CompletableFuture.supplyAsync(() -> {
      if (running.incrementAndGet() > 1) overlap.incrementAndGet();
      order.add(m.id());
      running.decrementAndGet();
      return MessageHandler.Outcome.done(List.of());
    }, CompletableFuture.delayedExecutor(30, java.util.concurrent.TimeUnit.MILLISECONDS)));
    for (int i = 1; i <= 5; i++) {
      String id = "m" + i;
      kit.<QueueReply>runCommand(r -> new QueueCommand.Publish(id, payload("{}"), r));
    }
    eventually(() -> kit.getState().pending().isEmpty(), "all handled");
    assertEquals(List.of("m1", "m2", "m3", "m4", "m5"), order);
    assertEquals(0, overlap.get());
  }

  @Test
  void aFailureForNowIsRetriedBeforeTheMessageIsMarkedHandled() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    var kit = kit((queue, m) -> CompletableFuture.completedFuture(calls.incrementAndGet() == 1
        ? MessageHandler.Outcome.retryLater("registry away")
        : MessageHandler.Outcome.done(List.of())));
    kit.<QueueReply>runCommand(r -> new QueueCommand.Publish("m1", payload("{}"), r));
    eventually(() -> calls.get() == 1, "first attempt");
    assertTrue(kit.getState().isPending("m1"));
    eventually(() -> kit.getState().pending().isEmpty(), "handled on the second attempt");
    assertEquals(2, calls.get());
  }

  @Test
  void aHandlerThatThrowsCountsAsAFailureForNow() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    var kit = kit((queue, m) -> {
      if (calls.incrementAndGet() == 1) throw new IllegalStateException("boom");
      return CompletableFuture.completedFuture(MessageHandler.Outcome.done(List.of("permanent problem")));
    });
    kit.<QueueReply>runCommand(r -> new QueueCommand.Publish("m1", payload("{}"), r));
    eventually(() -> kit.getState().pending().isEmpty(), "handled after the throw");
    assertEquals(2, calls.get());
  }

  @Test
  void messagesUnhandledWhenTheQueueStoppedAreHandledAfterItsRecovery() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    // The first incarnation never finishes handling (as if its node died mid-action).
    var kit = kit((queue, m) -> calls.incrementAndGet() == 1
        ? new CompletableFuture<>()
        : CompletableFuture.completedFuture(MessageHandler.Outcome.done(List.of())));
    kit.<QueueReply>runCommand(r -> new QueueCommand.Publish("m1", payload("{\"k\":\"v\"}"), r));
    eventually(() -> calls.get() == 1, "handling started");
    assertFalse(kit.getState().pending().isEmpty());

    var restarted = kit.restart();
    assertTrue(restarted.state().isPending("m1"));
    eventually(() -> kit.getState().pending().isEmpty(), "handled after recovery");
    assertEquals(2, calls.get());
  }
}
