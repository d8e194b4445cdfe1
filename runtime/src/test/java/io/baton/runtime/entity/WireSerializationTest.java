package io.baton.runtime.entity;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.typesafe.config.ConfigFactory;
import io.baton.runtime.decider.DeciderCommand;
import io.baton.runtime.decider.TaskResult;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Messages that cross between nodes survive Pekko's real serializer (jackson-cbor): a Decide
 * carries a DeciderCommand, a sealed interface, which must arrive as the same record.
 */
class WireSerializationTest {
  private static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory.parseString("""
      pekko.actor.serialization-bindings { "io.baton.runtime.CborSerializable" = jackson-cbor }
      pekko.actor.allow-java-serialization = off
      """).withFallback(ConfigFactory.load()));

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  @Test
  void everyKindOfDecideRoundTrips() {
    SerializationTestKit serialization = new SerializationTestKit(KIT.system());
    TestProbe<ExecutionReply> probe = KIT.createTestProbe();
    var output = JsonNodeFactory.instance.objectNode().put("v", 1);
    for (DeciderCommand command : List.of(
        new DeciderCommand.LeaseTask("wf_1", "w"),
        new DeciderCommand.UpdateTask(new TaskResult("wf", "wf_1", "COMPLETED", output, null, 0L, "w", null, null)),
        new DeciderCommand.TerminateWorkflow("why"),
        new DeciderCommand.RetryWorkflow(true),
        new DeciderCommand.ChildEnded("child", true, output, null),
        new DeciderCommand.CheckTimeouts())) {
      serialization.verifySerialization(new ExecutionCommand.Decide(command, probe.ref()), true);
    }
  }
}
