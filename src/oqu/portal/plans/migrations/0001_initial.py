import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The model moved here from the app "portal" (now oqu.portal.people) when the portal was split
# into apps. Its table stays where it was (Meta.db_table): this migration changes Django's idea
# of the models only, and no row moves. The tables were made by portal's 0001 and 0002.


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_catalogue"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="YearlyPlan",
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
                            "academic_year",
                            models.CharField(
                                help_text="2026-2027", max_length=9, verbose_name="academic year"
                            ),
                        ),
                        (
                            "state",
                            models.CharField(
                                choices=[("draft", "draft"), ("approved", "approved")],
                                default="draft",
                                max_length=10,
                            ),
                        ),
                        (
                            "minutes_number",
                            models.CharField(
                                blank=True, max_length=50, verbose_name="minutes number"
                            ),
                        ),
                        (
                            "minutes_date",
                            models.DateField(blank=True, null=True, verbose_name="minutes date"),
                        ),
                        (
                            "minutes_file",
                            models.FileField(
                                blank=True, upload_to="plans/%Y/", verbose_name="minutes"
                            ),
                        ),
                        ("approved_at", models.DateTimeField(blank=True, null=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "approved_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
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
                                related_name="plans",
                                to="portal.department",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "portal_yearlyplan",
                        "ordering": ("-academic_year", "department__name"),
                    },
                ),
                migrations.CreateModel(
                    name="PlanItem",
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
                        ("deadline", models.DateField(verbose_name="deadline")),
                        (
                            "authors",
                            models.ManyToManyField(
                                related_name="plan_items",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="authors",
                            ),
                        ),
                        (
                            "plan",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="items",
                                to="plans.yearlyplan",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "portal_planitem",
                        "ordering": ("deadline", "discipline"),
                    },
                ),
                migrations.AddConstraint(
                    model_name="yearlyplan",
                    constraint=models.UniqueConstraint(
                        fields=("department", "academic_year"), name="plan_one_per_department_year"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
