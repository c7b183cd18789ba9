"""The Oqu portal: a Django project that is a client of the ``oqu`` library.

plan (8.2) → submission → check + build jobs → review (8.4, 10.2) → publication (8.6–8.7),
with an append-only, hash-chained audit log (12). One Django app a folder, each with its own
models, actions, policy, views, urls, forms, templates and migrations (docs/portal.md, "Code
layout"):

- ``people``        accounts, roles, faculties and departments, importing a list of people,
  sign-in, its rate limit, sign-in links and password recovery (Django label ``portal``);
- ``plans``         yearly plans, their items and deadlines, reminders;
- ``workflow``      resources, versions, check and build jobs, review, publication, the
  review player;
- ``catalogue``     the public catalogue, its news feed and register;
- ``certificates``  the placement certificate (form 01);
- ``audit``         the hash chain (:func:`~oqu.portal.audit.chain.append`) and its page;
- ``demo``          the demo university (``load_demo``);
- ``core``          what they share: the refusals actions raise, letters after commit, page
  helpers (no models).

Within an app: ``models`` (tables, enums, invariants, querysets — no workflow logic),
``policy`` (who may do what: every object is fetched through an ``access_*`` function),
``actions`` (every state change, ``do_*``: one transaction, precondition, change, audit entry,
mail after commit), ``views`` (parse, authorise, call one action, render). Imports go one
way — core ← people ← plans ← workflow ← catalogue, certificates; audit beside people — and
never in a circle.

Only this package may import Django (ruff TID251 enforces it for the rest of ``oqu``).
"""
