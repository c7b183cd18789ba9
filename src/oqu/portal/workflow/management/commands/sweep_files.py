"""``oqu portal sweep_files [--grace SECONDS]``: remove what crashes left behind — uploads'
temporary files and stored files no row names — and refused submissions' kept files once
their tokens have expired (:mod:`oqu.portal.core.sweep`)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from oqu.portal.core.sweep import sweep_kept, sweep_media_orphans, sweep_upload_temp


class Command(BaseCommand):
    help = "Remove uploads' temporary files and stored files that no row names (after crashes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--grace", type=float, default=settings.OQU_SWEEP_GRACE_SECONDS,
            help="only files older than this many seconds (default: OQU_SWEEP_GRACE_SECONDS)",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        grace = options["grace"]
        temp = sweep_upload_temp(grace)
        media = sweep_media_orphans(grace)
        kept = sweep_kept(grace)
        for path in temp:
            self.stdout.write(f"removed upload temporary file {path}")
        for name in media:
            self.stdout.write(f"removed stored file no row names: {name}")
        for name in kept:
            self.stdout.write(f"removed kept file of a refused submission: {name}")
        self.stdout.write(
            f"{len(temp)} temporary file(s), {len(media)} stored file(s), "
            f"{len(kept)} kept file(s) removed"
        )
