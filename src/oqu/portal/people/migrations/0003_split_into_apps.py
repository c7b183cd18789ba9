from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

# The portal split into apps: plans (YearlyPlan, PlanItem), workflow (Resource, Version, Review,
# SlideComment, Publication) and audit (AuditEntry, AuditHead) took these models with their
# tables (Meta.db_table), so here they leave this app's state only and no row moves. Their
# content types are renamed to the new app labels, so permissions and anything else that points
# at a content type still finds it. The audit log names models without an app label
# (object_type "resource"), so its entries and their hashes are unchanged.


# model → its new app; their content types (and so the permissions that point at them) follow.
MOVED = {
    "yearlyplan": "plans",
    "planitem": "plans",
    "resource": "workflow",
    "version": "workflow",
    "review": "workflow",
    "slidecomment": "workflow",
    "publication": "workflow",
    "auditentry": "audit",
    "audithead": "audit",
}


def move_content_types(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model, app in MOVED.items():
        content_type.objects.using(db).filter(app_label=app, model=model).delete()  # none, or stale
        content_type.objects.using(db).filter(app_label="portal", model=model).update(app_label=app)


def restore_content_types(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model, app in MOVED.items():
        content_type.objects.using(db).filter(app_label="portal", model=model).delete()
        content_type.objects.using(db).filter(app_label=app, model=model).update(app_label="portal")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_catalogue"),
        ("plans", "0001_initial"),
        ("workflow", "0001_initial"),
        ("audit", "0001_initial"),
        ("certificates", "0002_models_moved_to_workflow"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="auditentry",
                    name="actor",
                ),
                migrations.DeleteModel(
                    name="AuditHead",
                ),
                migrations.RemoveField(
                    model_name="planitem",
                    name="authors",
                ),
                migrations.RemoveField(
                    model_name="planitem",
                    name="plan",
                ),
                migrations.RemoveField(
                    model_name="publication",
                    name="published_by",
                ),
                migrations.RemoveField(
                    model_name="publication",
                    name="resource",
                ),
                migrations.RemoveField(
                    model_name="publication",
                    name="version",
                ),
                migrations.RemoveIndex(
                    model_name="resource",
                    name="resource_catalogue",
                ),
                migrations.RemoveField(
                    model_name="review",
                    name="reviewer",
                ),
                migrations.RemoveField(
                    model_name="review",
                    name="version",
                ),
                migrations.RemoveField(
                    model_name="slidecomment",
                    name="author",
                ),
                migrations.RemoveField(
                    model_name="slidecomment",
                    name="version",
                ),
                migrations.RemoveConstraint(
                    model_name="version",
                    name="version_unique_number",
                ),
                migrations.RemoveConstraint(
                    model_name="yearlyplan",
                    name="plan_one_per_department_year",
                ),
                migrations.DeleteModel(
                    name="AuditEntry",
                ),
                migrations.DeleteModel(
                    name="Publication",
                ),
                migrations.RemoveField(
                    model_name="resource",
                    name="authors",
                ),
                migrations.RemoveField(
                    model_name="resource",
                    name="created_by",
                ),
                migrations.RemoveField(
                    model_name="resource",
                    name="department",
                ),
                migrations.RemoveField(
                    model_name="resource",
                    name="plan_item",
                ),
                migrations.DeleteModel(
                    name="Review",
                ),
                migrations.DeleteModel(
                    name="SlideComment",
                ),
                migrations.RemoveField(
                    model_name="version",
                    name="resource",
                ),
                migrations.RemoveField(
                    model_name="version",
                    name="submitted_by",
                ),
                migrations.RemoveField(
                    model_name="yearlyplan",
                    name="approved_by",
                ),
                migrations.RemoveField(
                    model_name="yearlyplan",
                    name="created_by",
                ),
                migrations.RemoveField(
                    model_name="yearlyplan",
                    name="department",
                ),
                migrations.DeleteModel(
                    name="PlanItem",
                ),
                migrations.DeleteModel(
                    name="Resource",
                ),
                migrations.DeleteModel(
                    name="Version",
                ),
                migrations.DeleteModel(
                    name="YearlyPlan",
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
