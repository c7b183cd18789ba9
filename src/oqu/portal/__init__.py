"""The Oqu portal: a Django project that is a client of the ``oqu`` library.

plan (8.2) → submission → check + build jobs → review (8.4, 10.2) → publication (8.6–8.7),
with an append-only, hash-chained audit log (12). Layout:

- ``models``   tables, status enums, invariants and querysets — no workflow logic;
- ``policy``   who may do what: every object is fetched through an ``access_*`` function;
- ``actions``  every state change (``do_*``): one transaction, precondition, change, audit
  entry, mail after commit;
- ``audit``    the hash chain: :func:`~oqu.portal.audit.append`, :func:`~oqu.portal.audit.verify`;
- ``uploads``  what an upload is, judged by its content, with the library's safe zip checks;
- ``jobs``     background tasks (``django.tasks``): check and build a submitted version;
- ``views``    parse, authorise, call one action, render.

Only this package may import Django (ruff TID251 enforces it for the rest of ``oqu``).
"""
