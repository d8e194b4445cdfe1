package io.baton.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** ActorSystems built from BatonConfig the way a node builds them, plus test plumbing. */
final class TestNode {
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  /** Test events bind to jackson-cbor; the runtime's marker is not on this module's classpath. */
  static final String TEST_SERIALIZATION = """
      pekko.actor.serialization-bindings {
        "io.baton.runtime.CborSerializable" = none
        "io.baton.persistence.TestCborSerializable" = jackson-cbor
      }
      """;

  private TestNode() {}

  /** BatonConfig for a local (non-cluster) system with the test bindings. */
  static Config localConfig(String overrides) {
    return BatonConfig.load(ConfigFactory.parseString(overrides + "\n" + TEST_SERIALIZATION
        + "\npekko.actor.provider = local"));
  }

  static ActorSystem<Void> start(Config config) {
    return ActorSystem.create(Behaviors.empty(), BatonConfig.SYSTEM_NAME, config);
  }

  static void stop(ActorSystem<?> system) throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  static <Req, Res> CompletionStage<Res> ask(
      ActorSystem<?> system, RecipientRef<Req> target, Function<ActorRef<Res>, Req> message) {
    return AskPattern.ask(target, message::apply, TIMEOUT, system.scheduler());
  }

  static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Polls until the condition holds, failing after the timeout. */
  static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
