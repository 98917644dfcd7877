-- An idempotency record keeps the first answer as the ledger's value, not as an HTTP message: whether the command
-- was refused (refusal: the stable code, NULL when it was done) and the rendered document (response_body). The web
-- adapter derives the status from them on replay. response_status stays, nullable, for records written before;
-- their refusal is the code of the problem document they hold.
ALTER TABLE idempotency_key ADD COLUMN refusal text;
ALTER TABLE idempotency_key ALTER COLUMN response_status DROP NOT NULL;
UPDATE idempotency_key SET refusal = response_body::jsonb ->> 'code' WHERE response_status >= 400;
ALTER TABLE idempotency_key ADD CONSTRAINT idempotency_key_refusal_is_a_code
    CHECK (refusal IS NULL OR refusal ~ '^[A-Z][A-Z_]*$');
