package io.baton.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

  @Test
  void splitsAtSemicolonsOutsideQuotesAndComments() {
    String script = """
        -- a comment; not a statement
        CREATE TABLE a (x VARCHAR DEFAULT 'x;y');
        /* block; comment */ CREATE TABLE "b;c" (y INT);

        INSERT INTO a VALUES ('it''s; fine')
        """;
    assertEquals(
        List.of(
            "CREATE TABLE a (x VARCHAR DEFAULT 'x;y')",
            "CREATE TABLE \"b;c\" (y INT)",
            "INSERT INTO a VALUES ('it''s; fine')"),
        SqlScript.statements(script));
  }

  @Test
  void aScriptOfCommentsHasNoStatements() {
    assertEquals(List.of(), SqlScript.statements("-- only a comment\n"));
    assertEquals(List.of(), SqlScript.statements("-- one\n/* two */\n-- three;\n"));
  }

  @Test
  void batonsOwnScriptsHoldItsTables() {
    for (String script : List.of("schema/baton-h2.sql", "schema/baton-postgres.sql")) {
      List<String> statements = SqlScript.fromResource(script);
      assertEquals(6, statements.size(), script);
      assertTrue(statements.get(0).startsWith("CREATE TABLE IF NOT EXISTS baton_workflow"), script);
    }
  }

  @Test
  void unterminatedQuotesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> SqlScript.statements("SELECT 'oops;"));
    assertThrows(IllegalArgumentException.class, () -> SqlScript.statements("SELECT 1 /* oops"));
  }

  @Test
  void journalScriptsCreateEveryTableAndTheTagIndex() {
    for (String resource : List.of("schema/h2.sql", "schema/postgres.sql")) {
      List<String> statements = SqlScript.fromResource(resource);
      String all = String.join("\n", statements).replace("\"", "");
      for (String table : List.of("event_journal", "event_tag", "snapshot", "durable_state")) {
        assertTrue(all.contains("CREATE TABLE IF NOT EXISTS " + table + " ("), resource + " " + table);
      }
      assertTrue(all.contains("ON event_tag (tag, event_id)"), resource);
      assertTrue(statements.stream().allMatch(s -> s.contains("IF NOT EXISTS")), resource);
      assertTrue(statements.stream().noneMatch(s -> s.contains("CONCURRENTLY")), resource);
    }
  }

  @Test
  void aMissingResourceIsNamed() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> SqlScript.fromResource("schema/nope.sql"));
    assertTrue(e.getMessage().contains("schema/nope.sql"));
  }
}
