"""The public catalogue: topics and keywords of a resource, its date of placement, and the folded
search column (``models.fold``), with an index for the catalogue's order and, on PostgreSQL, a
trigram index so ``search_text LIKE '%…%'`` does not scan every row (pg_trgm; skipped with a
notice when the extension cannot be created — the search then scans, still within budget up to
100,000 rows, see docs/benchmarks.md).
"""

from typing import Any

from django.db import migrations, models, transaction

TRGM_INDEX = "resource_search_trgm"


def backfill(apps: Any, schema_editor: Any) -> None:
    from oqu.portal.people.models import fold

    Resource = apps.get_model("portal", "Resource")
    Publication = apps.get_model("portal", "Publication")
    for r in Resource.objects.all().iterator():
        names = list(r.authors.values_list("full_name", flat=True))
        r.search_text = fold(" | ".join([r.title, r.discipline, r.topics, r.keywords, *names]))
        pub = Publication.objects.filter(resource=r).order_by("-published_on").first()
        r.published_on = pub.published_on if pub is not None else None
        r.save(update_fields=["search_text", "published_on"])


def trigram_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cur.fetchone() is None:
            cur.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
            if cur.fetchone() is None:
                print(f"\n  pg_trgm is not available: no {TRGM_INDEX} (search scans)")
                return
            try:
                with transaction.atomic(using=schema_editor.connection.alias):
                    cur.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except Exception as e:  # no privilege: the DBA can create it later and re-run
                print(f"\n  cannot create pg_trgm ({e}): no {TRGM_INDEX} (search scans)")
                return
        cur.execute(
            f"CREATE INDEX IF NOT EXISTS {TRGM_INDEX} ON portal_resource "
            "USING gin (search_text gin_trgm_ops)"
        )


def drop_trigram_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cur:
            cur.execute(f"DROP INDEX IF EXISTS {TRGM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="resource",
            name="keywords",
            field=models.CharField(blank=True, max_length=500, verbose_name="keywords"),
        ),
        migrations.AddField(
            model_name="resource",
            name="published_on",
            field=models.DateField(blank=True, null=True, verbose_name="date of placement"),
        ),
        migrations.AddField(
            model_name="resource",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="resource",
            name="topics",
            field=models.TextField(
                blank=True, help_text="One topic a line.", verbose_name="topics"
            ),
        ),
        migrations.AddIndex(
            model_name="resource",
            index=models.Index(fields=["state", "-published_on", "-id"], name="resource_catalogue"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(trigram_index, drop_trigram_index),
    ]
