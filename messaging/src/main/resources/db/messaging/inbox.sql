-- Events this service has already acted on; recorded in the same transaction as the effect, so a
-- redelivered or replayed event changes nothing.
CREATE TABLE processed_events (
    event_id     uuid        PRIMARY KEY,
    topic        text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);
