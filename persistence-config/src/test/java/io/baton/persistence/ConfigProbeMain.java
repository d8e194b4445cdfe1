package io.baton.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * Run in a child JVM with BATON_* variables set: prints {@code path=value} for each path given
 * after the first argument, which holds HOCON overrides ("" for none).
 */
public final class ConfigProbeMain {
  private ConfigProbeMain() {}

  public static void main(String[] args) {
    Config config = BatonConfig.load(ConfigFactory.parseString(args[0]));
    for (int i = 1; i < args.length; i++) {
      System.out.println(args[i] + "=" + config.getValue(args[i]).unwrapped());
    }
  }
}
