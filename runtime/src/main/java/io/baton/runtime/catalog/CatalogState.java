package io.baton.runtime.catalog;

import io.baton.runtime.CborSerializable;
import io.baton.runtime.definition.TaskDef;
import io.baton.runtime.definition.WorkflowDef;
import io.baton.runtime.definition.WorkflowTask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every registered definition: workflow definitions by name and version, task definitions by name. */
public record CatalogState(Map<String, Map<Integer, WorkflowDef>> workflows,
    Map<String, TaskDef> taskDefs) implements CborSerializable {

  public static CatalogState empty() {
    return new CatalogState(Map.of(), Map.of());
  }

  public Optional<WorkflowDef> workflow(String name, Integer version) {
    Map<Integer, WorkflowDef> versions = workflows.get(name);
    if (versions == null || versions.isEmpty()) return Optional.empty();
    if (version != null) return Optional.ofNullable(versions.get(version));
    return versions.keySet().stream().max(Comparator.naturalOrder()).map(versions::get);
  }

  public List<WorkflowDef> allWorkflows(boolean latestOnly) {
    List<WorkflowDef> all = new ArrayList<>();
    for (String name : new TreeMap<>(workflows).keySet()) {
      if (latestOnly) {
        workflow(name, null).ifPresent(all::add);
      } else {
        all.addAll(new TreeMap<>(workflows.get(name)).values());
      }
    }
    return all;
  }

  public List<TaskDef> allTaskDefs() {
    return List.copyOf(new TreeMap<>(taskDefs).values());
  }

  public CatalogState withWorkflow(WorkflowDef def) {
    Map<String, Map<Integer, WorkflowDef>> copy = new HashMap<>(workflows);
    Map<Integer, WorkflowDef> versions = new HashMap<>(copy.getOrDefault(def.name(), Map.of()));
    versions.put(def.versionOrDefault(), def);
    copy.put(def.name(), Map.copyOf(versions));
    return new CatalogState(Map.copyOf(copy), taskDefs);
  }

  public CatalogState withoutWorkflow(String name, int version) {
    Map<String, Map<Integer, WorkflowDef>> copy = new HashMap<>(workflows);
    Map<Integer, WorkflowDef> versions = new HashMap<>(copy.getOrDefault(name, Map.of()));
    versions.remove(version);
    if (versions.isEmpty()) copy.remove(name); else copy.put(name, Map.copyOf(versions));
    return new CatalogState(Map.copyOf(copy), taskDefs);
  }

  public CatalogState withTaskDef(TaskDef def) {
    Map<String, TaskDef> copy = new HashMap<>(taskDefs);
    copy.put(def.name(), def);
    return new CatalogState(workflows, Map.copyOf(copy));
  }

  public CatalogState withoutTaskDef(String name) {
    Map<String, TaskDef> copy = new HashMap<>(taskDefs);
    copy.remove(name);
    return new CatalogState(workflows, Map.copyOf(copy));
  }

  /** The definition with each task's registered definition written in, unless it brings its own. */
  public WorkflowDef snapshot(WorkflowDef def) {
    return def.withTasks(withTaskDefs(def.tasks()));
  }

  private List<WorkflowTask> withTaskDefs(List<WorkflowTask> tasks) {
    if (tasks == null) return null;
    List<WorkflowTask> out = new ArrayList<>(tasks.size());
    for (WorkflowTask t : tasks) {
      WorkflowTask nested = t.mapNested(this::withTaskDefs);
      TaskDef registered = taskDefs.get(t.name());
      out.add(nested.taskDefinition() == null && registered != null
          ? nested.withTaskDefinition(registered) : nested);
    }
    return out;
  }
}
