import django.db.models.deletion
from django.db import migrations, models

# Resource and Publication moved from the app "portal" to "workflow" when the portal was split
# into apps, with their tables: the foreign keys now name them there; the columns do not change.


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("workflow", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="certificate",
                    name="publication",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="workflow.publication",
                    ),
                ),
                migrations.AlterField(
                    model_name="certificate",
                    name="resource",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="certificates",
                        to="workflow.resource",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
