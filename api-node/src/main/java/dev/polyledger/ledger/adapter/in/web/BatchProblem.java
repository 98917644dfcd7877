package dev.polyledger.ledger.adapter.in.web;

import dev.polyledger.platform.http.ProblemCode;
import dev.polyledger.platform.http.ProblemType;

/** The problem codes of {@code /api/v1/batches} besides {@code BATCH_REJECTED} ({@link ErrorCode}). */
enum BatchProblem implements ProblemCode {
    BATCH_NOT_FOUND(404, "Batch not found");

    private final ProblemType type;

    BatchProblem(int status, String title) {
        this.type = new ProblemType(status, title);
    }

    @Override
    public ProblemType type() {
        return type;
    }
}
