package io.baton.runtime.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry entity with the persistence testkit, which also checks every message serializes. */
class EventHandlerRegistryTest {
  static final ActorTestKit TESTKIT = ActorTestKit.create(EventSourcedBehaviorTestKit.config()
      .withFallback(ConfigFactory.parseString(
          "pekko.actor.serialization-bindings { \"io.baton.runtime.CborSerializable\" = jackson-cbor }"))
      .withFallback(ConfigFactory.load()));
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventSourcedBehaviorTestKit<RegistryCommand, RegistryEvent, RegistryState> kit;

  @BeforeEach
  void fresh() {
    kit = EventSourcedBehaviorTestKit.create(TESTKIT.system(), new EventHandlerRegistry());
    kit.clear();
  }

  @AfterAll
  static void stop() {
    TESTKIT.shutdownTestKit();
  }

  private static EventHandlerDef handler(String name, String event, Boolean active) {
    try {
      return JSON.readValue("{\"name\":\"" + name + "\",\"event\":\"" + event + "\""
        + (active == null ? "" : ",\"active\":" + active)
        + ",\"owner\":{\"team\":\"ops\"},\"actions\":[{\"action\":\"start_workflow\",\"custom\":7,"
        + "\"start_workflow\":{\"name\":\"x\",\"input\":{\"a\":\"${b}\"}}}]}", EventHandlerDef.class);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void addRefusesANameThatExistsAndUpdateOneThatDoesNot() throws Exception {
    RegistryReply added = kit.<RegistryReply>runCommand(r -> new RegistryCommand.AddHandler(handler("a", "conductor:w:q", null), r)).reply();
    assertInstanceOf(RegistryReply.Done.class, added);
    var again = kit.<RegistryReply>runCommand(r -> new RegistryCommand.AddHandler(handler("a", "conductor:w:q", null), r));
    assertEquals(new RegistryReply.Conflict("event handler 'a' already exists"), again.reply());
    assertTrue(again.hasNoEvents());
    var update = kit.<RegistryReply>runCommand(r -> new RegistryCommand.UpdateHandler(handler("b", "conductor:w:q", null), r));
    assertEquals(new RegistryReply.NotFound("event handler 'b' not found"), update.reply());
    var remove = kit.<RegistryReply>runCommand(r -> new RegistryCommand.RemoveHandler("b", r));
    assertEquals(new RegistryReply.NotFound("event handler 'b' not found"), remove.reply());
  }

  @Test
  void handlersSurviveARestartWithDefaultsAndUnknownFields() throws Exception {
    kit.<RegistryReply>runCommand(r -> new RegistryCommand.AddHandler(handler("a", "conductor:w:q", null), r));
    kit.<RegistryReply>runCommand(r -> new RegistryCommand.AddHandler(handler("b", "conductor:w:q", false), r));
    kit.<RegistryReply>runCommand(r -> new RegistryCommand.AddHandler(handler("c", "conductor:w:other", null), r));
    kit.restart();

    var active = (RegistryReply.Handlers) kit.<RegistryReply>runCommand(
        r -> new RegistryCommand.HandlersFor("conductor:w:q", true, r)).reply();
    assertEquals(List.of("a"), active.handlers().stream().map(EventHandlerDef::name).toList());
    EventHandlerDef a = active.handlers().get(0);
    assertEquals(Boolean.TRUE, a.active());
    assertEquals(java.util.Map.of("team", "ops"), a.extra().get("owner"));
    assertEquals(7, a.actions().get(0).extra().get("custom"));
    assertEquals("${b}", a.actions().get(0).startWorkflow().input().get("a").asText());

    var all = (RegistryReply.Handlers) kit.<RegistryReply>runCommand(
        r -> new RegistryCommand.HandlersFor("conductor:w:q", false, r)).reply();
    assertEquals(List.of("a", "b"), all.handlers().stream().map(EventHandlerDef::name).toList());
  }

  @Test
  void updateReplacesAndRemoveDeletes() throws Exception {
    kit.<RegistryReply>runCommand(r -> new RegistryCommand.AddHandler(handler("a", "conductor:w:q", null), r));
    var updated = kit.<RegistryReply>runCommand(r -> new RegistryCommand.UpdateHandler(handler("a", "conductor:w:new", false), r));
    assertInstanceOf(RegistryReply.Done.class, updated.reply());
    var list = (RegistryReply.Handlers) kit.<RegistryReply>runCommand(RegistryCommand.ListHandlers::new).reply();
    assertEquals("conductor:w:new", list.handlers().get(0).event());
    assertEquals(Boolean.FALSE, list.handlers().get(0).active());

    assertInstanceOf(RegistryReply.Done.class,
        kit.<RegistryReply>runCommand(r -> new RegistryCommand.RemoveHandler("a", r)).reply());
    kit.restart();
    var empty = (RegistryReply.Handlers) kit.<RegistryReply>runCommand(RegistryCommand.ListHandlers::new).reply();
    assertEquals(List.of(), empty.handlers());
  }
}
