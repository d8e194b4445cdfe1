package io.baton.http.system;

import io.baton.http.api.Backend;
import java.util.ArrayList;
import java.util.List;

/** Every system task type the node runs in-process. */
public final class SystemTasks {
  private SystemTasks() {}

  public static List<SystemTask> create(Backend backend) {
    List<SystemTask> tasks = new ArrayList<>();
    tasks.add(new HttpTask(backend.system()));
    tasks.add(new EventTask(backend));
    return tasks;
  }
}
