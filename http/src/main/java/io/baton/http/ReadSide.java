package io.baton.http;

import com.typesafe.config.Config;
import io.baton.runtime.readside.WorkflowIndex;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;

// PLACEHOLDER: replaced by the journal projection.
final class ReadSide {
  private ReadSide() {}

  static WorkflowIndex start(ActorSystem<?> system, Config config) {
    return new WorkflowIndex() {
      @Override
      public CompletionStage<List<String>> running(String workflowName, Integer version) {
        return CompletableFuture.completedFuture(List.of());
      }

      @Override
      public CompletionStage<List<String>> correlated(String workflowName, String correlationId) {
        return CompletableFuture.completedFuture(List.of());
      }
    };
  }
}
