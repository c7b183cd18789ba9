"""What every app of the portal shares: the errors actions raise, mail (the console backend,
the letter-sending task), page helpers."""
