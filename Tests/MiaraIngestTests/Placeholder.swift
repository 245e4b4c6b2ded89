// MiaraIngestTests
