package io.baton.persistence;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.persistence.typed.PersistenceId;

/**
 * Child JVM of H2KillTest: a node on BatonConfig's H2 journal whose entities persist events one
 * after another; prints "persisted ENTITY N" once the N-th event's persist is acknowledged. Runs
 * until killed.
 */
public final class JournalWriterMain {
  static final int ENTITIES = 4;

  private JournalWriterMain() {}

  public static void main(String[] args) throws Exception {
    var config = TestNode.localConfig("baton.data-dir = \"" + args[0] + "\"");
    SchemaCreator.createIfAbsent(config);
    ActorSystem<Void> system = TestNode.start(config);
    List<Thread> writers = new ArrayList<>();
    for (int e = 0; e < ENTITIES; e++) {
      String id = "kill-" + e;
      ActorRef<Journaled.Command> entity =
          system.systemActorOf(Journaled.create(PersistenceId.ofUniqueId(id)), id, Props.empty());
      Thread writer = new Thread(() -> {
        try {
          for (int n = 1; ; n++) {
            String value = id + "/" + n;
            TestNode.await(TestNode.ask(system, entity, (ActorRef<Done> r) -> new Journaled.Append(value, r)));
            System.out.println("persisted " + id + " " + n);
            System.out.flush();
          }
        } catch (Exception failure) {
          failure.printStackTrace();
          System.exit(3);
        }
      });
      writers.add(writer);
      writer.start();
    }
    for (Thread writer : writers) {
      writer.join();
    }
  }
}
