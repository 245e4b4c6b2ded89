// MiaraValuesTests
