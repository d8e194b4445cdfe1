package io.baton.runtime.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceCompilerTest {

  @ParameterizedTest(name = "{0} -> root {1}")
  @CsvSource(delimiter = '|', textBlock = """
      workflow.input.x          | workflow
      t1__2.output.x            | t1__2
      my-task[0]                | my-task
      $.t1.output               | t1
      $['my.ref'].output        | my.ref
      ["my.ref"]["output"]      | my.ref
      ['it\\'s'].output         | it's
      NETFLIX_ENV               | NETFLIX_ENV
      CPEWF_TASK_ID.x           | CPEWF_TASK_ID
      """)
  void splitsOffTheRoot(String text, String root) {
    Reference.Root ref = assertInstanceOf(Reference.Root.class, ReferenceCompiler.compile(text));
    assertEquals(root, ref.name());
  }

  @Test
  void aBareRootHasNoPath() {
    Reference.Root ref = assertInstanceOf(Reference.Root.class, ReferenceCompiler.compile(" t1 "));
    assertNull(ref.path());
  }

  @Test
  void specialForms() {
    assertInstanceOf(Reference.TaskId.class, ReferenceCompiler.compile("CPEWF_TASK_ID"));
    assertInstanceOf(Reference.Empty.class, ReferenceCompiler.compile(""));
    assertInstanceOf(Reference.Empty.class, ReferenceCompiler.compile(" \t "));
  }

  @Test
  void rootsNamedWithDollarWidenTheScope() {
    Reference.Root ref = (Reference.Root) ReferenceCompiler.compile(
        "t1.output.items[?(@.id == $.workflow.input.id || @.x == $['t2'].y || @.z == '$')]");
    assertEquals(List.of("t1", "workflow", "t2"), ref.scope());
    assertTrue(ref.path().text().startsWith("$['t1'].output.items[?("), ref.path().text());
    Reference.Root plain = (Reference.Root) ReferenceCompiler.compile("t1.output.items[?(@.z == '$')]");
    assertEquals(List.of(), plain.scope());
  }

  @Test
  void flagsPathsThatNeedCare() {
    Reference.Root plain = (Reference.Root) ReferenceCompiler.compile("t1.output.a");
    Reference.Root filter = (Reference.Root) ReferenceCompiler.compile("t1.output[?(@.a)]");
    Reference.Root append = (Reference.Root) ReferenceCompiler.compile("t1.output.list.append(1)");
    Reference.Root sum = (Reference.Root) ReferenceCompiler.compile("t1.output.sum($.t1.output.a[*])");
    Reference.Root length = (Reference.Root) ReferenceCompiler.compile("t1.output.list.length()");
    assertEquals(List.of(true, false), List.of(plain.path().isReusable(), plain.path().isMutating()));
    assertEquals(List.of(true, false), List.of(filter.path().isReusable(), filter.path().isMutating()));
    assertEquals(List.of(true, false), List.of(length.path().isReusable(), length.path().isMutating()));
    assertEquals(List.of(false, false), List.of(sum.path().isReusable(), sum.path().isMutating()));
    assertEquals(List.of(false, true), List.of(append.path().isReusable(), append.path().isMutating()));
  }

  @Test
  void sharesCompiledReferences() {
    assertSame(ReferenceCompiler.of("workflow.input.shared"), ReferenceCompiler.of("workflow.input.shared"));
  }
}
