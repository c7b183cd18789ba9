import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The model moved here from the app "portal" (now oqu.portal.people) when the portal was split
# into apps. Its table stays where it was (Meta.db_table): this migration changes Django's idea
# of the models only, and no row moves. The tables were made by portal's 0001 and 0002.


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_catalogue"),
        ("plans", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Resource",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("title", models.CharField(max_length=500, verbose_name="title")),
                        ("discipline", models.CharField(max_length=255, verbose_name="discipline")),
                        (
                            "der_type",
                            models.CharField(
                                choices=[
                                    ("e-textbook", "e-textbook"),
                                    ("e-study-guide", "e-study guide"),
                                    ("e-lecture-course", "e-lecture course"),
                                    ("reference-materials", "digital reference materials"),
                                    ("interactive-presentation", "interactive presentation"),
                                    ("digital-practicum", "digital practicum"),
                                    ("assessment-materials", "assessment materials"),
                                    ("teaching-materials", "teaching-methodology materials"),
                                    ("source-components", "source components"),
                                ],
                                max_length=40,
                                verbose_name="DER type",
                            ),
                        ),
                        (
                            "language",
                            models.CharField(
                                choices=[("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")],
                                max_length=2,
                                verbose_name="language",
                            ),
                        ),
                        (
                            "audience",
                            models.CharField(
                                blank=True, max_length=255, verbose_name="target audience"
                            ),
                        ),
                        (
                            "topics",
                            models.TextField(
                                blank=True, help_text="One topic a line.", verbose_name="topics"
                            ),
                        ),
                        (
                            "keywords",
                            models.CharField(blank=True, max_length=500, verbose_name="keywords"),
                        ),
                        (
                            "state",
                            models.CharField(
                                choices=[
                                    ("draft", "draft"),
                                    ("submitted", "submitted"),
                                    ("in_review", "in review"),
                                    ("returned", "returned for revision"),
                                    ("approved", "approved"),
                                    ("published", "published"),
                                ],
                                default="draft",
                                max_length=20,
                            ),
                        ),
                        (
                            "published_on",
                            models.DateField(
                                blank=True, null=True, verbose_name="date of placement"
                            ),
                        ),
                        ("search_text", models.TextField(blank=True, default="", editable=False)),
                        ("revision", models.PositiveIntegerField(default=0)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "authors",
                            models.ManyToManyField(
                                related_name="resources",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="authors",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "department",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="resources",
                                to="portal.department",
                            ),
                        ),
                        (
                            "plan_item",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="resources",
                                to="plans.planitem",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "portal_resource",
                        "ordering": ("-updated_at",),
                    },
                ),
                migrations.CreateModel(
                    name="Version",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("number", models.PositiveIntegerField()),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("oqu-source", "Oqu source (zip)"),
                                    ("scorm", "SCORM package (zip)"),
                                ],
                                max_length=20,
                            ),
                        ),
                        ("upload", models.FileField(upload_to="versions/%Y/%m/")),
                        ("upload_name", models.CharField(max_length=255)),
                        ("upload_size", models.BigIntegerField()),
                        ("upload_sha256", models.CharField(max_length=64)),
                        (
                            "syllabus",
                            models.FileField(upload_to="documents/%Y/%m/", verbose_name="syllabus"),
                        ),
                        (
                            "minutes_extract",
                            models.FileField(
                                upload_to="documents/%Y/%m/", verbose_name="minutes extract"
                            ),
                        ),
                        ("note", models.TextField(blank=True, verbose_name="note to the reviewer")),
                        ("submitted_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "job_state",
                            models.CharField(
                                choices=[
                                    ("queued", "queued"),
                                    ("running", "running"),
                                    ("done", "done"),
                                    ("failed", "failed"),
                                ],
                                default="queued",
                                max_length=10,
                            ),
                        ),
                        ("job_progress", models.PositiveSmallIntegerField(default=0)),
                        ("job_message", models.CharField(blank=True, max_length=500)),
                        ("verdict", models.CharField(blank=True, max_length=10)),
                        ("report", models.JSONField(blank=True, default=dict)),
                        ("report_html", models.JSONField(blank=True, default=dict)),
                        ("package", models.FileField(blank=True, upload_to="packages/%Y/%m/")),
                        ("launch", models.CharField(blank=True, max_length=500)),
                        (
                            "resource",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="versions",
                                to="workflow.resource",
                            ),
                        ),
                        (
                            "submitted_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "portal_version",
                        "ordering": ("-number",),
                    },
                ),
                migrations.CreateModel(
                    name="SlideComment",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("slide", models.PositiveIntegerField(verbose_name="slide")),
                        ("text", models.TextField(verbose_name="comment")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "author",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "version",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="slide_comments",
                                to="workflow.version",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "portal_slidecomment",
                        "ordering": ("slide", "created_at"),
                    },
                ),
                migrations.CreateModel(
                    name="Review",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "content_score",
                            models.PositiveSmallIntegerField(
                                choices=[(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")],
                                verbose_name="fitness of content",
                            ),
                        ),
                        (
                            "content_comment",
                            models.TextField(blank=True, verbose_name="content: comment"),
                        ),
                        (
                            "presentation_score",
                            models.PositiveSmallIntegerField(
                                choices=[(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")],
                                verbose_name="effectiveness of presentation",
                            ),
                        ),
                        (
                            "presentation_comment",
                            models.TextField(blank=True, verbose_name="presentation: comment"),
                        ),
                        (
                            "economy_score",
                            models.PositiveSmallIntegerField(
                                choices=[(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")],
                                verbose_name="economy",
                            ),
                        ),
                        (
                            "economy_comment",
                            models.TextField(blank=True, verbose_name="economy: comment"),
                        ),
                        (
                            "decision",
                            models.CharField(
                                choices=[("approve", "approve"), ("return", "return for revision")],
                                max_length=10,
                                verbose_name="decision",
                            ),
                        ),
                        ("reasons", models.TextField(blank=True, verbose_name="reasons")),
                        ("decided_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "reviewer",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="reviews",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "version",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="reviews",
                                to="workflow.version",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "portal_review",
                        "ordering": ("-decided_at",),
                    },
                ),
                migrations.CreateModel(
                    name="Publication",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("platform", models.CharField(max_length=255, verbose_name="platform")),
                        ("link", models.URLField(max_length=1000, verbose_name="link")),
                        ("published_on", models.DateField(verbose_name="date of placement")),
                        (
                            "published_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "resource",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="publications",
                                to="workflow.resource",
                            ),
                        ),
                        (
                            "version",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="workflow.version",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "portal_publication",
                        "ordering": ("-published_on",),
                    },
                ),
                migrations.AddIndex(
                    model_name="resource",
                    index=models.Index(
                        fields=["state", "-published_on", "-id"], name="resource_catalogue"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="version",
                    constraint=models.UniqueConstraint(
                        fields=("resource", "number"), name="version_unique_number"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
