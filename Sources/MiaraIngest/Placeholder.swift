// MiaraIngest
