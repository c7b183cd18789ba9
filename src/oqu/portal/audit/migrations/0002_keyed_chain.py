"""The audit chain becomes keyed (HMAC with ``OQU_AUDIT_KEY``, issue 12): a chain written before,
with plain SHA-256, is re-anchored by one keyed entry ``audit.keyed`` that records its entries'
count and last hash (oqu.portal.audit.chain.rekey_legacy). No row is changed."""

from typing import Any

from django.db import migrations


def rekey(apps: Any, schema_editor: Any) -> None:
    from oqu.portal.audit.chain import rekey_legacy

    entries = apps.get_model("audit", "AuditEntry").objects
    heads = apps.get_model("audit", "AuditHead").objects
    rekey_legacy(entries, heads)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
