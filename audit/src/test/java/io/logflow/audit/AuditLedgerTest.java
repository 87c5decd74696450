package io.logflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditLedgerTest {

    private final AuditLedger ledger = new AuditLedger("T-1");

    private void accept(int count) {
        for (int offset = 0; offset < count; offset++) {
            ledger.accepted(0, offset);
        }
    }

    @Test
    void balancedWhenEveryAcceptedLogEndedOnce() {
        accept(4);
        ledger.stored("T-1-0-0");
        ledger.stored("T-1-0-1");
        ledger.deadLetteredByParser(0, 2);
        ledger.deadLetteredByWriter("T-1-0-3");
        ledger.parsed("T-1-0-0");
        AuditReport report = ledger.report();
        assertThat(report.balanced()).isTrue();
        assertThat(report.accepted()).isEqualTo(4);
        assertThat(report.stored()).isEqualTo(2);
        assertThat(report.deadLettered()).isEqualTo(2);
        assertThat(report.summary()).contains("BALANCED");
    }

    @Test
    void aClientsResendIsAcceptedTwiceStoredOnceAndBalanced() {
        accept(1);
        ledger.stored("T-1-0-0");
        ledger.accepted(0, 1, "k1");
        ledger.accepted(1, 7, "k1"); // the resend of k1
        ledger.accepted(0, 2, "k2");
        ledger.stored("T-1-c-k1");
        ledger.deadLetteredByParser(0, 2);
        ledger.stored("T-1-c-other"); // a client-named log of another window
        AuditReport report = ledger.report();
        assertThat(report.balanced()).as(report.summary()).isTrue();
        assertThat(report.accepted()).isEqualTo(4);
        assertThat(report.resent()).isEqualTo(1);
        assertThat(report.stored()).isEqualTo(2);
        assertThat(report.deadLettered()).isEqualTo(1);
        assertThat(report.accepted()).isEqualTo(report.stored() + report.deadLettered() + report.resent());
        assertThat(report.summary()).contains("resent by clients (same id)  1");
    }

    @Test
    void aClientNamedLogStoredNowhereIsMissingUnderItsId() {
        ledger.accepted(0, 0, "k1");
        ledger.accepted(0, 1, "k1");
        AuditReport report = ledger.report();
        assertThat(report.balanced()).isFalse();
        assertThat(report.missingIds()).containsExactly("T-1-c-k1");
    }

    @Test
    void namesTheLogsThatEndedNowhere() {
        accept(3);
        ledger.stored("T-1-0-0");
        AuditReport report = ledger.report();
        assertThat(report.balanced()).isFalse();
        assertThat(report.missingIds()).containsExactly("T-1-0-1", "T-1-0-2");
        assertThat(report.summary()).contains("NOT BALANCED", "T-1-0-1");
    }

    @Test
    void aLogStoredAndDeadLetteredEndedTwice() {
        accept(1);
        ledger.stored("T-1-0-0");
        ledger.deadLetteredByWriter("T-1-0-0");
        assertThat(ledger.report().duplicateIds()).containsExactly("T-1-0-0");
    }

    @Test
    void aLogParsedTwiceBreaksExactlyOnceEvenIfStoredOnce() {
        accept(1);
        ledger.parsed("T-1-0-0");
        ledger.parsed("T-1-0-0");
        ledger.stored("T-1-0-0");
        assertThat(ledger.report().parsedDuplicateIds()).containsExactly("T-1-0-0");
        assertThat(ledger.report().balanced()).isFalse();
    }

    @Test
    void outcomesOutsideTheWindowOrFromAnotherTopicAreIgnored() {
        accept(1);
        ledger.stored("T-1-0-0");
        ledger.stored("T-1-0-9");
        ledger.stored("OTHER-0-0");
        ledger.deadLetteredByParser(1, 0);
        AuditReport report = ledger.report();
        assertThat(report.stored()).isEqualTo(1);
        assertThat(report.deadLettered()).isZero();
        assertThat(report.balanced()).isTrue();
    }

    @Test
    void deadLettersThatAreNotParsedLogsAreCountedApart() {
        ledger.deadLetteredByWriter(null);
        ledger.deadLetteredByWriter("garbage");
        assertThat(ledger.report().foreignDeadLetters()).isEqualTo(2);
    }
}
