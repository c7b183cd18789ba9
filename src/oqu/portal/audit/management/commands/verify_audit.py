"""``oqu portal verify_audit [--anchor ID:HASH]…``: recompute the audit chain (clause 12).
Exit 0 when intact, 1 when broken (naming the first entry that does not match), 2 on a bad
argument."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oqu.portal.audit.chain import parse_anchor, verify


class Command(BaseCommand):
    help = (
        "Verify the audit chain (exit 0 intact, 1 broken); --anchor ID:HASH (from the mailed "
        "head, repeatable) also checks that no entry after it was removed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--anchor", action="append", default=[], metavar="ID:HASH")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            anchors = dict(parse_anchor(a) for a in options["anchor"])
        except ValueError as e:
            raise CommandError(str(e), returncode=2) from None
        result = verify(anchors)
        if result.ok:
            self.stdout.write(f"the audit chain of {result.entries} entries is intact")
            return
        where = f"entry {result.first_bad}" if result.first_bad is not None else "the head"
        self.stderr.write(
            f"the audit chain is BROKEN at {where} (after {result.entries} entries read): "
            f"{result.problem}"
        )
        raise SystemExit(1)
