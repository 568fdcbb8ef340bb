"""RightResponse's own common code: event contracts, Kafka helpers, settings, logging."""
