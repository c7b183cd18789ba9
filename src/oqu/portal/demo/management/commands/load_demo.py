from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oqu.portal.demo.loader import PEOPLE, load_demo


class Command(BaseCommand):
    help = "Load the demo university (once, into an empty database) from examples/."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--examples", type=Path, default=Path("examples"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            load_demo(options["examples"])
        except RuntimeError as e:
            raise CommandError(str(e)) from None
        for p in PEOPLE:
            self.stdout.write(f"{p.key:<10} {p.email} / {p.password}")
