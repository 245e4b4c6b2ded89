// MiaraTestSupport
