"""Load the excellence framework shipped as data (excellence/data/framework.json):
clusters and fields of the 2019 CoVE mapping, and the published definitions
shown beside the partners' own. Provenance is recorded in the file and on
each field (``source``)."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "framework.json"


def load(apps, schema_editor):
    Cluster = apps.get_model("excellence", "Cluster")
    Field = apps.get_model("excellence", "FieldOfExcellence")
    Reference = apps.get_model("excellence", "ReferenceDefinition")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    source = data["provenance"]["clusters"]
    clusters = {}
    for row in data["clusters"]:
        clusters[row["code"]], _ = Cluster.objects.update_or_create(
            code=row["code"],
            defaults={"number": row["number"], "name": row["name"], "translations": row["translations"]},
        )
    for position, row in enumerate(data["fields"], start=1):
        Field.objects.update_or_create(
            code=row["code"],
            defaults={
                "cluster": clusters[row["cluster"]],
                "position": position,
                "name": row["name"],
                "definition": row["definition"],
                "translations": row["translations"],
                "source": source[:300],
            },
        )
    for row in data["reference_definitions"]:
        Reference.objects.update_or_create(
            topic=row["topic"],
            title=row["title"],
            defaults={
                "text": row["text"],
                "citation": row["citation"],
                "url": row["url"],
                "position": row["position"],
                "translations": row["translations"],
            },
        )


def unload(apps, schema_editor):
    apps.get_model("excellence", "ReferenceDefinition").objects.all().delete()
    apps.get_model("excellence", "FieldOfExcellence").objects.all().delete()
    apps.get_model("excellence", "Cluster").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("excellence", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
