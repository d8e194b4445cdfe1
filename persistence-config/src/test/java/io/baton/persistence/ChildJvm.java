package io.baton.persistence;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts a test main class in a separate JVM with this JVM's classpath. */
final class ChildJvm {
  private ChildJvm() {}

  static Process start(Class<?> mainClass, Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("BATON_"));
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Runs to completion and returns the output; fails if the exit code is not 0. */
  static String run(Class<?> mainClass, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Process process = start(mainClass, env, args);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("child JVM did not finish: " + output);
    }
    if (process.exitValue() != 0) {
      throw new AssertionError("child JVM exited with " + process.exitValue() + ": " + output);
    }
    return output;
  }
}
