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
                    name="AuditHead",
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
                        ("last_hash", models.CharField(max_length=64)),
                    ],
                    options={
                        "db_table": "portal_audithead",
                    },
                ),
                migrations.CreateModel(
                    name="AuditEntry",
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
                        ("at", models.DateTimeField()),
                        ("actor_label", models.CharField(max_length=255)),
                        ("action", models.CharField(max_length=50)),
                        ("object_type", models.CharField(max_length=50)),
                        ("object_id", models.CharField(max_length=50)),
                        ("from_state", models.CharField(blank=True, max_length=20)),
                        ("to_state", models.CharField(blank=True, max_length=20)),
                        ("data", models.JSONField(blank=True, default=dict)),
                        ("prev_hash", models.CharField(max_length=64)),
                        ("hash", models.CharField(max_length=64, unique=True)),
                        (
                            "actor",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name_plural": "audit entries",
                        "db_table": "portal_auditentry",
                        "ordering": ("id",),
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
