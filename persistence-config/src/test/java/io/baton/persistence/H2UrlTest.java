package io.baton.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class H2UrlTest {

  @Test
  void addsEveryMissingSetting() {
    assertEquals(
        "jdbc:h2:file:/d/baton;WRITE_DELAY=0;RETENTION_TIME=0;DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE",
        H2Url.withRequiredSettings("jdbc:h2:file:/d/baton"));
  }

  @Test
  void keepsWhatTheUrlAlreadySaysAndATrailingSemicolonDoesNotDoubleUp() {
    assertEquals(
        "jdbc:h2:file:/d/baton;retention_time=1000;Database_To_Upper=FALSE;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
        H2Url.withRequiredSettings("jdbc:h2:file:/d/baton;retention_time=1000;Database_To_Upper=FALSE;"));
  }

  @Test
  void isIdempotent() {
    String once = H2Url.withRequiredSettings("jdbc:h2:mem:x");
    assertEquals(once, H2Url.withRequiredSettings(once));
    assertTrue(once.contains(";DB_CLOSE_DELAY=-1"), once);
  }

  @Test
  void refusesANonZeroWriteDelay() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> H2Url.withRequiredSettings("jdbc:h2:file:/d/baton;WRITE_DELAY=100"));
    assertTrue(e.getMessage().contains("WRITE_DELAY=100"), e.getMessage());
  }

  @Test
  void dialectFollowsTheUrlPrefixAndRefusesOthers() {
    assertEquals(Dialect.H2, Dialect.ofUrl("jdbc:h2:file:/d/baton"));
    assertEquals(Dialect.POSTGRES, Dialect.ofUrl("jdbc:postgresql://h:5432/db"));
    assertEquals(Dialect.POSTGRES, Dialect.ofUrl("JDBC:POSTGRESQL://h/db"));
    assertThrows(IllegalArgumentException.class, () -> Dialect.ofUrl("jdbc:sqlite:/tmp/x"));
    assertThrows(IllegalArgumentException.class, () -> Dialect.ofUrl("postgresql://h/db"));
  }
}
