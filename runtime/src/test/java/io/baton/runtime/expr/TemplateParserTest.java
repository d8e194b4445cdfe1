package io.baton.runtime.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baton.runtime.expr.StringTemplate.Expression;
import io.baton.runtime.expr.StringTemplate.NestedExpression;
import io.baton.runtime.expr.StringTemplate.Text;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateParserTest {

  @Test
  void splitsTextAndExpressions() {
    StringTemplate t = TemplateParser.parse("a ${workflow.input.x} b $${c} ${t1.status}");
    assertEquals(4, t.segments().size());
    assertEquals(new Text("a "), t.segments().get(0));
    assertInstanceOf(Expression.class, t.segments().get(1));
    assertEquals(new Text(" b ${c} "), t.segments().get(2));
    assertInstanceOf(Expression.class, t.segments().get(3));
    assertFalse(t.isSingleExpression());
    assertEquals(List.of(), t.problems());
  }

  @Test
  void singleExpressionOnlyWhenItIsTheWholeString() {
    assertTrue(TemplateParser.parse("${workflow.input.x}").isSingleExpression());
    assertTrue(TemplateParser.parse("${workflow.input.${workflow.input.k}}").isSingleExpression());
    assertFalse(TemplateParser.parse(" ${workflow.input.x}").isSingleExpression());
    assertFalse(TemplateParser.parse("$${workflow.input.x}").isSingleExpression());
    assertFalse(TemplateParser.parse("${a}${b}").isSingleExpression());
  }

  @Test
  void nestedExpressionsKeepTheirParts() {
    StringTemplate t = TemplateParser.parse("${workflow.input.${workflow.input.k}}");
    NestedExpression nested = assertInstanceOf(NestedExpression.class, t.segments().get(0));
    assertEquals(new Text("workflow.input."), nested.path().get(0));
    assertInstanceOf(Expression.class, nested.path().get(1));
  }

  @Test
  void escapesInsideAnExpressionAreJustText() {
    StringTemplate t = TemplateParser.parse("${workflow.input['$${x}']}");
    Expression e = assertInstanceOf(Expression.class, t.segments().get(0));
    Reference.Root root = assertInstanceOf(Reference.Root.class, e.reference());
    assertEquals("$.input['${x}']", root.path().text());
  }

  @Test
  void bracesInQuotedFilterStringsDoNotClose() {
    StringTemplate t = TemplateParser.parse("${t1.output[?(@.a == '}{')]}!");
    assertEquals(2, t.segments().size());
    assertEquals(new Text("!"), t.segments().get(1));
  }

  @Test
  void anUnclosedExpressionStaysText() {
    StringTemplate t = TemplateParser.parse("x ${workflow.input");
    assertEquals(List.of(new Text("x ${workflow.input")), t.segments());
    assertEquals(1, t.problems().size());
  }

  @Test
  void cachesParsedStrings() {
    String s = "cached ${workflow.input.x}";
    assertSame(TemplateParser.parse(s), TemplateParser.parse(new String(s)));
    String longer = "${workflow.input.x}" + " ".repeat(2_000);
    assertEquals(TemplateParser.parse(longer), TemplateParser.parse(longer));
  }
}
