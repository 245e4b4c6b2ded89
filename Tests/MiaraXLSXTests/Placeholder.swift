// MiaraXLSXTests
