package io.baton.persistence;

import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedPostgres.class)
class PostgresPersistenceRoundTripTest extends PersistenceRoundTripContract {
  @Override
  String databaseOverrides() {
    return "baton.db.url = \"" + SharedPostgres.freshDatabase() + "\"\nbaton.db.user = postgres";
  }
}
