package io.baton.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The node's record of unsettled offers: what a restarted queue lost, and nothing more. */
class OfferLedgerTest {
  @Test
  void aRestartedQueueGetsTheWorkflowsOfItsUnsettledOffersOnce() {
    OfferLedger ledger = new OfferLedger(100);
    ledger.record("pay", "wf1_1", "wf1");
    ledger.record("pay", "wf2_1", "wf2");
    ledger.record("pay", "wf2_1", "wf2");
    ledger.record("ship", "wf3_1", "wf3");
    assertEquals(3, ledger.size(), "a repeated offer is recorded once");
    ledger.forget("pay", List.of("wf1_1"));
    OfferLedger.Lost lost = ledger.drain("pay");
    assertEquals(Set.of("wf2"), lost.workflowIds());
    assertFalse(lost.everyExecution());
    assertEquals(Set.of(), ledger.drain("pay").workflowIds(), "drained means taken out");
    assertEquals(1, ledger.size());
  }

  @Test
  void pastItsCapacityAQueueIsMarkedOverflowedAndItsRestartWakesEverything() {
    OfferLedger ledger = new OfferLedger(2);
    ledger.record("q", "a_1", "a");
    ledger.record("q", "b_1", "b");
    ledger.record("q", "c_1", "c");
    assertEquals(2, ledger.size());
    OfferLedger.Lost lost = ledger.drain("q");
    assertTrue(lost.everyExecution());
    assertEquals(Set.of("a", "b"), lost.workflowIds());
    assertFalse(ledger.drain("q").everyExecution(), "the overflow mark goes with the drain");
  }
}
