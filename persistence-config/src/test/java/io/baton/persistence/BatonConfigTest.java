package io.baton.persistence;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BatonConfigTest {

  @BeforeAll
  static void noBatonVariablesInThisJvm() {
    // the defaults below are only the defaults when no BATON_* variable is set
    assumeTrue(System.getenv().keySet().stream().noneMatch(k -> k.startsWith("BATON_")));
  }

  private static Config load(String overrides) {
    return BatonConfig.load(ConfigFactory.parseString(overrides));
  }

  @Test
  void defaultsDescribeASingleEmbeddedNode() {
    Config c = BatonConfig.load();
    String dataDir = Path.of("./data").toAbsolutePath().normalize().toString();
    assertAll(
        () -> assertEquals("0.0.0.0", c.getString("baton.http.host")),
        () -> assertEquals(8080, c.getInt("baton.http.port")),
        () -> assertEquals(1048576, c.getBytes("baton.http.max-body-bytes")),
        () -> assertEquals(1048576, c.getBytes("pekko.http.server.parsing.max-content-length")),
        () -> assertEquals(1048576, c.getBytes("pekko.http.server.parsing.max-to-strict-bytes")),
        () -> assertEquals(dataDir, c.getString("baton.data-dir")),
        () -> assertEquals(Dialect.H2, Dialect.of(c)),
        () -> assertEquals(
            "jdbc:h2:file:" + dataDir + "/baton;WRITE_DELAY=0;RETENTION_TIME=0;DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE",
            c.getString("baton.db.url")),
        () -> assertEquals("sa", c.getString("baton.db.user")),
        () -> assertEquals(8, c.getInt("baton.db.pool-size")),
        () -> assertEquals("cluster", c.getString("pekko.actor.provider")),
        () -> assertEquals("127.0.0.1", c.getString("pekko.remote.artery.canonical.hostname")),
        () -> assertEquals(25520, c.getInt("pekko.remote.artery.canonical.port")),
        () -> assertEquals(List.of(), c.getStringList("pekko.cluster.seed-nodes")),
        () -> assertEquals("org.apache.pekko.cluster.sbr.SplitBrainResolverProvider",
            c.getString("pekko.cluster.downing-provider-class")),
        () -> assertEquals("keep-majority", c.getString("pekko.cluster.split-brain-resolver.active-strategy")),
        () -> assertEquals("127.0.0.1", c.getString("pekko.management.http.hostname")),
        () -> assertEquals(8558, c.getInt("pekko.management.http.port")));
  }

  @Test
  void defaultsWireShardingAndPersistenceToOneJdbcDatabase() {
    Config c = BatonConfig.load();
    String slick = "pekko-persistence-jdbc.shared-databases.slick.";
    assertAll(
        () -> assertTrue(c.getBoolean("pekko.cluster.sharding.remember-entities")),
        () -> assertEquals("eventsourced", c.getString("pekko.cluster.sharding.remember-entities-store")),
        // The shard count decides every entity's shard: part of the journal's format, never to drift.
        () -> assertEquals(100, c.getInt("pekko.cluster.sharding.number-of-shards")),
        () -> assertEquals(10, c.getDuration("pekko.cluster.sharding.waiting-for-state-timeout").toSeconds()),
        () -> assertEquals("jdbc-journal", c.getString("pekko.cluster.sharding.journal-plugin-id")),
        () -> assertEquals("jdbc-snapshot-store", c.getString("pekko.cluster.sharding.snapshot-plugin-id")),
        () -> assertEquals("jdbc-journal", c.getString("pekko.persistence.journal.plugin")),
        () -> assertEquals("jdbc-snapshot-store", c.getString("pekko.persistence.snapshot-store.plugin")),
        () -> assertEquals("jdbc-durable-state-store", c.getString("pekko.persistence.state.plugin")),
        () -> {
          for (String plugin : List.of("jdbc-journal", "jdbc-snapshot-store", "jdbc-read-journal",
              "jdbc-durable-state-store")) {
            assertEquals("slick", c.getString(plugin + ".use-shared-db"), plugin);
          }
        },
        () -> assertEquals(100000, c.getInt("jdbc-journal.bufferSize")),
        () -> assertEquals(400, c.getInt("jdbc-journal.batchSize")),
        () -> assertEquals(100, c.getDuration("jdbc-read-journal.refresh-interval").toMillis()),
        () -> assertEquals("slick.jdbc.H2Profile$", c.getString(slick + "profile")),
        () -> assertEquals("org.h2.Driver", c.getString(slick + "db.driver")),
        () -> assertEquals(c.getString("baton.db.url"), c.getString(slick + "db.url")),
        () -> assertEquals(8, c.getInt(slick + "db.maxConnections")),
        () -> assertEquals(8, c.getInt(slick + "db.numThreads")),
        () -> assertTrue(c.getStringList("pekko.extensions").contains(H2Housekeeping.class.getName())));
  }

  @Test
  void defaultsSerializeWithJacksonCborAndLogThroughSlf4j() {
    Config c = BatonConfig.load();
    assertAll(
        () -> assertEquals("jackson-cbor",
            c.getString("pekko.actor.serialization-bindings.\"io.baton.runtime.CborSerializable\"")),
        () -> assertFalse(c.getBoolean("pekko.actor.allow-java-serialization")),
        () -> assertFalse(c.getBoolean(
            "pekko.serialization.jackson.deserialization-features.FAIL_ON_UNKNOWN_PROPERTIES")),
        () -> assertTrue(c.getStringList("pekko.serialization.jackson.jackson-modules").containsAll(List.of(
            "com.fasterxml.jackson.module.paramnames.ParameterNamesModule",
            "com.fasterxml.jackson.datatype.jdk8.Jdk8Module",
            "com.fasterxml.jackson.datatype.jsr310.JavaTimeModule"))),
        () -> assertEquals(List.of("org.apache.pekko.event.slf4j.Slf4jLogger"), c.getStringList("pekko.loggers")),
        () -> assertEquals("org.apache.pekko.event.slf4j.Slf4jLoggingFilter", c.getString("pekko.logging-filter")),
        () -> assertEquals("INFO", c.getString("pekko.loglevel")));
  }

  @Test
  void pekkoLogLevelTakesPekkosNamesOnly() {
    assertEquals("DEBUG", load("pekko.loglevel = DEBUG").getString("pekko.loglevel"));
    ConfigException e = assertThrows(ConfigException.BadValue.class, () -> load("pekko.loglevel = WARN"));
    assertTrue(e.getMessage().contains("BATON_PEKKO_LOGLEVEL"), e.getMessage());
    assertTrue(e.getMessage().contains("one of OFF, ERROR, WARNING, INFO, DEBUG"), e.getMessage());
  }

  @Test
  void overridesWinAndDerivedKeysFollowThem() {
    Config c = load("""
        baton.http.port = 9090
        baton.http.max-body-bytes = 2m
        baton.data-dir = "target/some-dir"
        pekko.remote.artery.canonical.port = 0
        """);
    String dataDir = Path.of("target/some-dir").toAbsolutePath().normalize().toString();
    assertAll(
        () -> assertEquals(9090, c.getInt("baton.http.port")),
        () -> assertEquals(2 * 1048576, c.getBytes("pekko.http.server.parsing.max-content-length")),
        () -> assertEquals(dataDir, c.getString("baton.data-dir")),
        () -> assertTrue(c.getString("baton.db.url").startsWith("jdbc:h2:file:" + dataDir + "/baton;")),
        () -> assertEquals(c.getString("baton.db.url"),
            c.getString("pekko-persistence-jdbc.shared-databases.slick.db.url")),
        () -> assertEquals(0, c.getInt("pekko.remote.artery.canonical.port")));
  }

  @Test
  void extensionsAppendedInTheOverridesKeepOurs() {
    Config c = load("pekko.extensions += \"org.example.Other\"");
    assertEquals(List.of(H2Housekeeping.class.getName(), "org.example.Other"), c.getStringList("pekko.extensions"));
  }

  @Test
  void aPostgresUrlSelectsThePostgresProfile() {
    Config c = load("""
        baton.db.url = "jdbc:postgresql://db.example:5432/baton"
        baton.db.user = baton
        baton.db.password = secret
        """);
    String slick = "pekko-persistence-jdbc.shared-databases.slick.";
    assertAll(
        () -> assertEquals(Dialect.POSTGRES, Dialect.of(c)),
        () -> assertEquals("jdbc:postgresql://db.example:5432/baton", c.getString("baton.db.url")),
        () -> assertEquals("slick.jdbc.PostgresProfile$", c.getString(slick + "profile")),
        () -> assertEquals("org.postgresql.Driver", c.getString(slick + "db.driver")),
        () -> assertEquals("jdbc:postgresql://db.example:5432/baton", c.getString(slick + "db.url")),
        () -> assertEquals("baton", c.getString(slick + "db.user")),
        () -> assertEquals("secret", c.getString(slick + "db.password")),
        () -> assertEquals(16, c.getInt(slick + "db.maxConnections")),
        () -> assertEquals(8, c.getInt("jdbc-journal.parallelism")),
        () -> assertFalse(c.getStringList("pekko.extensions").contains(H2Housekeeping.class.getName())));
  }

  @Test
  void aUserGivenH2UrlGetsTheSettingsDurabilityNeeds() {
    Config c = load("baton.db.url = \"jdbc:h2:file:/tmp/x/baton;MODE=Regular\"");
    assertEquals(
        "jdbc:h2:file:/tmp/x/baton;MODE=Regular;WRITE_DELAY=0;RETENTION_TIME=0;DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE",
        c.getString("baton.db.url"));
    Config mem = load("baton.db.url = \"jdbc:h2:mem:t;write_delay=0\"");
    assertEquals(
        "jdbc:h2:mem:t;write_delay=0;RETENTION_TIME=0;DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=-1",
        mem.getString("baton.db.url"));
  }

  @Test
  void anH2UrlWithAWriteDelayIsRefused() {
    ConfigException e = assertThrows(ConfigException.BadValue.class,
        () -> load("baton.db.url = \"jdbc:h2:file:/tmp/x/baton;WRITE_DELAY=500\""));
    assertTrue(e.getMessage().contains("baton.db.url"), e.getMessage());
    assertTrue(e.getMessage().contains("WRITE_DELAY=0"), e.getMessage());
  }

  @Test
  void anUnsupportedDatabaseIsRefused() {
    ConfigException e = assertThrows(ConfigException.BadValue.class,
        () -> load("baton.db.url = \"jdbc:mysql://db/baton?password=hunter2\""));
    assertTrue(e.getMessage().contains("jdbc:postgresql:"), e.getMessage());
    assertTrue(e.getMessage().contains("BATON_DB_URL"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), "password must not leak: " + e.getMessage());
  }

  @Test
  void seedNodesBecomePekkoAddresses() {
    Config c = load("baton.cluster.seed-nodes = \" 10.0.0.1:25520, node-b:2552 ,[::1]:25521,\"");
    assertEquals(
        List.of("pekko://baton@10.0.0.1:25520", "pekko://baton@node-b:2552", "pekko://baton@[::1]:25521"),
        c.getStringList("pekko.cluster.seed-nodes"));
  }

  @Test
  void explicitPekkoSeedNodesInTheOverridesWin() {
    Config c = load("""
        baton.cluster.seed-nodes = "10.0.0.1:25520"
        pekko.cluster.seed-nodes = ["pekko://baton@127.0.0.1:3000"]
        """);
    assertEquals(List.of("pekko://baton@127.0.0.1:3000"), c.getStringList("pekko.cluster.seed-nodes"));
  }

  @Test
  void malformedSeedNodesAreRefusedNamingTheEntry() {
    for (String bad : List.of("10.0.0.1", "host:port", "host:70000", "pekko-host:", ":25520", "a:b:25520")) {
      ConfigException e = assertThrows(ConfigException.BadValue.class,
          () -> load("baton.cluster.seed-nodes = \"ok-host:25520," + bad + "\""), bad);
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
      assertTrue(e.getMessage().contains("BATON_SEED_NODES"), e.getMessage());
    }
  }

  @Test
  void bootstrapEndpointsBecomeConfigDiscoveryEndpoints() {
    Config c = load("baton.cluster.bootstrap-endpoints = \" 127.0.0.1:8558,node-b:8559 ,[::1]:8560\"");
    var endpoints = c.getConfigList("pekko.discovery.config.services.baton.endpoints");
    assertEquals(3, endpoints.size());
    assertEquals("127.0.0.1", endpoints.get(0).getString("host"));
    assertEquals(8558, endpoints.get(0).getInt("port"));
    assertEquals("node-b", endpoints.get(1).getString("host"));
    assertEquals("::1", endpoints.get(2).getString("host"));
    assertEquals(8560, endpoints.get(2).getInt("port"));
    assertEquals("config", c.getString("pekko.management.cluster.bootstrap.contact-point-discovery.discovery-method"));
    assertEquals("baton", c.getString("pekko.management.cluster.bootstrap.contact-point-discovery.service-name"));
    assertEquals(List.of(), c.getStringList("pekko.cluster.seed-nodes"));
  }

  @Test
  void malformedBootstrapEndpointsAreRefusedNamingTheEntry() {
    for (String bad : List.of("10.0.0.1", "host:port", "host:70000", ":8558")) {
      ConfigException e = assertThrows(ConfigException.BadValue.class,
          () -> load("baton.cluster.bootstrap-endpoints = \"ok-host:8558," + bad + "\""), bad);
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
      assertTrue(e.getMessage().contains("BATON_BOOTSTRAP_ENDPOINTS"), e.getMessage());
    }
  }

  @Test
  void seedNodesAndBootstrapTogetherAreRefused() {
    ConfigException e = assertThrows(ConfigException.BadValue.class, () -> load("""
        baton.cluster.seed-nodes = "10.0.0.1:25520"
        baton.cluster.bootstrap-endpoints = "10.0.0.1:8558"
        """));
    assertTrue(e.getMessage().contains("BATON_SEED_NODES"), e.getMessage());
  }

  @Test
  void aNonNumericPortFailsWithAClearMessage() {
    ConfigException e = assertThrows(ConfigException.BadValue.class, () -> load("baton.http.port = eighty"));
    String message = e.getMessage();
    assertTrue(message.contains("baton.http.port"), message);
    assertTrue(message.contains("eighty"), message);
    assertTrue(message.contains("BATON_HTTP_PORT"), message);
    assertTrue(message.contains("integer from 0 to 65535"), message);
  }

  @Test
  void outOfRangeAndMalformedValuesAreRefused() {
    Map<String, String> cases = Map.ofEntries(
        Map.entry("baton.http.port = 70000", "baton.http.port"),
        Map.entry("pekko.remote.artery.canonical.port = -1", "pekko.remote.artery.canonical.port"),
        Map.entry("pekko.management.http.port = x", "pekko.management.http.port"),
        Map.entry("baton.db.pool-size = 0", "baton.db.pool-size"),
        Map.entry("baton.http.max-body-bytes = lots", "baton.http.max-body-bytes"),
        Map.entry("baton.http.host = \" \"", "baton.http.host"),
        Map.entry("baton.data-dir = \"\"", "baton.data-dir"),
        Map.entry("baton.execution.idle-timeout = 0s", "baton.execution.idle-timeout"),
        Map.entry("baton.execution.idle-timeout = soon", "baton.execution.idle-timeout"),
        Map.entry("pekko.cluster.split-brain-resolver.stable-after = -5s", "pekko.cluster.split-brain-resolver.stable-after"),
        Map.entry("pekko.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr = 0", "required-contact-point-nr"),
        Map.entry("pekko.cluster.sharding.number-of-shards = 0", "number-of-shards"),
        Map.entry("pekko.cluster.sharding.number-of-shards = -3", "number-of-shards"),
        Map.entry("pekko.cluster.sharding.number-of-shards = 100001", "number-of-shards"),
        Map.entry("pekko.cluster.sharding.number-of-shards = many", "number-of-shards"));
    cases.forEach((override, key) -> {
      ConfigException e = assertThrows(ConfigException.BadValue.class, () -> load(override), override);
      assertTrue(e.getMessage().contains(key), e.getMessage());
    });
  }

  @Test
  void environmentVariablesApplyAndOverridesBeatThem() throws Exception {
    Map<String, String> env = Map.ofEntries(
        Map.entry("BATON_HTTP_PORT", "9191"),
        Map.entry("BATON_HTTP_HOST", "127.0.0.2"),
        Map.entry("BATON_MAX_BODY_BYTES", "4096"),
        Map.entry("BATON_DB_URL", "jdbc:postgresql://pg:5432/baton"),
        Map.entry("BATON_DB_USER", "u1"),
        Map.entry("BATON_DB_PASSWORD", "p1"),
        Map.entry("BATON_DB_POOL_SIZE", "32"),
        Map.entry("BATON_CLUSTER_HOST", "10.1.1.1"),
        Map.entry("BATON_CLUSTER_PORT", "2600"),
        Map.entry("BATON_SEED_NODES", "10.1.1.1:2600,10.1.1.2:2600"),
        Map.entry("BATON_SHARDS", "40"));
    String[] paths = {
      "baton.http.port", "baton.http.host", "pekko.http.server.parsing.max-content-length",
      "pekko-persistence-jdbc.shared-databases.slick.db.url",
      "pekko-persistence-jdbc.shared-databases.slick.db.user",
      "pekko-persistence-jdbc.shared-databases.slick.db.password",
      "pekko-persistence-jdbc.shared-databases.slick.db.maxConnections",
      "pekko-persistence-jdbc.shared-databases.slick.profile",
      "pekko.remote.artery.canonical.hostname", "pekko.remote.artery.canonical.port",
      "pekko.management.http.hostname", "pekko.cluster.seed-nodes",
      "pekko.cluster.sharding.number-of-shards"};

    String fromEnv = ChildJvm.run(ConfigProbeMain.class, env, concat("", paths));
    assertAll(
        () -> assertTrue(fromEnv.contains("baton.http.port=9191\n"), fromEnv),
        () -> assertTrue(fromEnv.contains("baton.http.host=127.0.0.2\n"), fromEnv),
        () -> assertTrue(fromEnv.contains("pekko.http.server.parsing.max-content-length=4096\n"), fromEnv),
        () -> assertTrue(fromEnv.contains("slick.db.url=jdbc:postgresql://pg:5432/baton\n"), fromEnv),
        () -> assertTrue(fromEnv.contains("slick.db.user=u1\n"), fromEnv),
        () -> assertTrue(fromEnv.contains("slick.db.password=p1\n"), fromEnv),
        () -> assertTrue(fromEnv.contains("slick.db.maxConnections=32\n"), fromEnv),
        () -> assertTrue(fromEnv.contains("slick.profile=slick.jdbc.PostgresProfile$\n"), fromEnv),
        () -> assertTrue(fromEnv.contains("canonical.hostname=10.1.1.1\n"), fromEnv),
        () -> assertTrue(fromEnv.contains("canonical.port=2600\n"), fromEnv),
        () -> assertTrue(fromEnv.contains("pekko.management.http.hostname=10.1.1.1\n"), fromEnv),
        () -> assertTrue(fromEnv.contains(
            "pekko.cluster.seed-nodes=[pekko://baton@10.1.1.1:2600, pekko://baton@10.1.1.2:2600]\n"), fromEnv),
        () -> assertTrue(fromEnv.contains("pekko.cluster.sharding.number-of-shards=40\n"), fromEnv));

    String overridden = ChildJvm.run(ConfigProbeMain.class, env,
        concat("baton.http.port = 7000, baton.db.user = u2", "baton.http.port", "baton.db.user"));
    assertTrue(overridden.contains("baton.http.port=7000\n"), overridden);
    assertTrue(overridden.contains("baton.db.user=u2\n"), overridden);
  }

  @Test
  void aMalformedEnvironmentVariableFailsNamingIt() throws Exception {
    Process child = ChildJvm.start(ConfigProbeMain.class, Map.of("BATON_CLUSTER_PORT", "25520x"), "");
    String output = new String(child.getInputStream().readAllBytes());
    assertTrue(child.waitFor() != 0, output);
    assertTrue(output.contains("pekko.remote.artery.canonical.port"), output);
    assertTrue(output.contains("25520x"), output);
    assertTrue(output.contains("BATON_CLUSTER_PORT"), output);
  }

  private static String[] concat(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
