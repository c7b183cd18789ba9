"""People: accounts, roles (clause 11), faculties and departments, importing a list of people,
sign-in (log-in, its rate limit, sign-in links, password recovery)."""
