package io.baton.persistence;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2PersistenceRoundTripTest extends PersistenceRoundTripContract {
  @TempDir Path dir;

  @Override
  String databaseOverrides() {
    return "baton.data-dir = \"" + dir.resolve("data") + "\"";
  }
}
