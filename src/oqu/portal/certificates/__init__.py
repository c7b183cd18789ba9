"""The placement certificate (form 01 of the regulation, clause 8.5).

A Django app beside the portal's others (:mod:`oqu.portal.workflow`, …): its models,
migrations, actions, policy checks and views live here. ``variables`` is the one table of
placeholders that the PDF, the DOCX and the preview share; ``render`` turns it into bytes; an
issued certificate never changes (``models.Certificate``), a correction supersedes it.
"""
