package io.baton.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reads the created schema back through JDBC metadata, the same way for H2 and PostgreSQL. */
final class SchemaAssertions {
  /** The journal's tables and Baton's own (read side, wake-ups, journal settings). */
  static final Set<String> JOURNAL_TABLES =
      Set.of("event_journal", "event_tag", "snapshot", "durable_state", "baton_workflow",
          "baton_wakeup", "baton_setting");

  private SchemaAssertions() {}

  static Set<String> tables(Connection c) throws SQLException {
    Set<String> tables = new TreeSet<>();
    try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        String schema = rs.getString("TABLE_SCHEM");
        if (schema.equalsIgnoreCase("public")) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
    }
    return tables;
  }

  /** Column lists of every index on the table, e.g. "tag,event_id". */
  static Set<String> indexColumns(Connection c, String table) throws SQLException {
    List<String[]> rows = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getIndexInfo(null, null, table, false, false)) {
      while (rs.next()) {
        rows.add(new String[] {rs.getString("INDEX_NAME"), rs.getString("COLUMN_NAME"),
            String.valueOf(rs.getShort("ORDINAL_POSITION"))});
      }
    }
    rows.sort((a, b) -> a[0].equals(b[0])
        ? Short.compare(Short.parseShort(a[2]), Short.parseShort(b[2])) : a[0].compareTo(b[0]));
    Set<String> indexes = new TreeSet<>();
    String name = null;
    StringBuilder columns = new StringBuilder();
    for (String[] row : rows) {
      if (!row[0].equals(name)) {
        if (name != null) {
          indexes.add(columns.toString());
        }
        name = row[0];
        columns.setLength(0);
      } else {
        columns.append(',');
      }
      columns.append(row[1]);
    }
    if (name != null) {
      indexes.add(columns.toString());
    }
    return indexes;
  }

  static long count(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void assertJournalWorks(Connection c) throws SQLException {
    // a row in each table through the names the plugin uses proves the columns line up
    c.setAutoCommit(true);
    byte[] payload = {1, 2, 3};
    try (PreparedStatement event = c.prepareStatement(
            "INSERT INTO event_journal (persistence_id, sequence_number, writer, write_timestamp,"
                + " adapter_manifest, event_payload, event_ser_id, event_ser_manifest)"
                + " VALUES ('p', 1, 'w', 1, '', ?, 33, 'm')");
        PreparedStatement snapshot = c.prepareStatement(
            "INSERT INTO snapshot (persistence_id, sequence_number, created, snapshot_ser_id,"
                + " snapshot_ser_manifest, snapshot_payload) VALUES ('p', 1, 1, 33, 'm', ?)");
        PreparedStatement state = c.prepareStatement(
            "INSERT INTO durable_state (persistence_id, revision, state_payload, state_serial_id,"
                + " state_timestamp) VALUES ('p', 1, ?, 33, 1)");
        var s = c.createStatement()) {
      event.setBytes(1, payload);
      event.executeUpdate();
      long ordering = count(c, "SELECT ordering FROM event_journal WHERE persistence_id = 'p'");
      s.executeUpdate("INSERT INTO event_tag (event_id, tag) VALUES (" + ordering + ", 't')");
      snapshot.setBytes(1, payload);
      snapshot.executeUpdate();
      state.setBytes(1, payload);
      state.executeUpdate();
      assertEquals(1, count(c, "SELECT count(*) FROM event_tag WHERE tag = 't'"));
      assertEquals(1, count(c, "SELECT count(*) FROM durable_state WHERE global_offset IS NOT NULL"));
      try (ResultSet rs = c.createStatement().executeQuery("SELECT event_payload FROM event_journal")) {
        rs.next();
        assertEquals(List.of((byte) 1, (byte) 2, (byte) 3), toList(rs.getBytes(1)));
      }
    }
  }

  private static List<Byte> toList(byte[] bytes) {
    List<Byte> list = new ArrayList<>();
    for (byte b : bytes) {
      list.add(b);
    }
    return list;
  }
}
