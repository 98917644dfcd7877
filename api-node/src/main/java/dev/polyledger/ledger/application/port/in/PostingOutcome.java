package dev.polyledger.ledger.application.port.in;

import dev.polyledger.ledger.domain.LedgerRejection;
import dev.polyledger.ledger.domain.Transfer;
import java.util.List;

/** What {@link Postings} came to: every transfer posted, or the refusal of every item that failed (nothing posted). */
public sealed interface PostingOutcome {

    /** @param transfers one per command, in command order */
    record Posted(List<Transfer> transfers) implements PostingOutcome {
        public Posted {
            transfers = List.copyOf(transfers);
        }
    }

    /** @param refusals one per failing command, in index order; never empty */
    record Refused(List<ItemRefusal> refusals) implements PostingOutcome {
        public Refused {
            refusals = List.copyOf(refusals);
            if (refusals.isEmpty()) {
                throw new IllegalArgumentException("a refusal names at least one item");
            }
        }

        /** The first failing item's refusal: the whole answer of a single posting. */
        public ItemRefusal first() {
            return refusals.get(0);
        }
    }

    /**
     * @param index  the command's position, from 0
     * @param reason the rule that refused it
     * @param detail a sentence for people
     */
    record ItemRefusal(int index, LedgerRejection reason, String detail) {
    }
}
