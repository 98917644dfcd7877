-- Refunds (api-contract.md, "Refunds"): a REFUND transfer moves money back from an original transfer's destination
-- to its source and names the original (refund_of). The original carries refunded_amount, raised in the refund's
-- transaction; the database refuses, independent of the Java checks:
--   * refunds beyond the original amount                         (transfer_refunded_within_amount)
--   * a REFUND without its original, or another kind with one     (transfer_refund_names_original)
--   * a refund in another tenant or currency than its original    (composite foreign key)
--   * any other change of a posted transfer: the immutability trigger now lets exactly one column change,
--     refunded_amount, and only upwards.

ALTER TABLE transfer DROP CONSTRAINT transfer_kind_check;
ALTER TABLE transfer ADD CONSTRAINT transfer_kind_check
    CHECK (kind IN ('TRANSFER', 'CREDIT', 'DEBIT', 'HOLD_POST', 'REFUND'));
ALTER TABLE transfer ADD COLUMN refund_of uuid;
ALTER TABLE transfer ADD COLUMN refunded_amount bigint NOT NULL DEFAULT 0;
ALTER TABLE transfer
    ADD CONSTRAINT transfer_refunded_within_amount CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
    ADD CONSTRAINT transfer_refund_names_original CHECK ((kind = 'REFUND') = (refund_of IS NOT NULL)),
    ADD CONSTRAINT transfer_refund_tenant_currency
        FOREIGN KEY (tenant_id, refund_of, currency) REFERENCES transfer (tenant_id, id, currency);
CREATE INDEX transfer_by_refund_of ON transfer (refund_of, created_at) WHERE refund_of IS NOT NULL;

CREATE FUNCTION transfer_only_refunded_amount_grows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.refunded_amount >= OLD.refunded_amount
            AND (to_jsonb(NEW) - 'refunded_amount') = (to_jsonb(OLD) - 'refunded_amount') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'transfer rows are immutable once posted (only refunded_amount may grow)'
        USING ERRCODE = 'restrict_violation';
END $$;

DROP TRIGGER transfer_immutable ON transfer;
CREATE TRIGGER transfer_immutable BEFORE UPDATE OR DELETE ON transfer
    FOR EACH ROW EXECUTE FUNCTION transfer_only_refunded_amount_grows();
