"""Load the review rubric and the label rules shipped as data
(practices/data/rubric.json, from the common fact-sheet template)."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "rubric.json"


def load(apps, schema_editor):
    Criterion = apps.get_model("practices", "RubricCriterion")
    Rule = apps.get_model("practices", "LabelRule")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for position, row in enumerate(data["criteria"], start=1):
        Criterion.objects.update_or_create(
            code=row["code"],
            defaults={
                "position": position,
                "name": row["name"],
                "levels": row["levels"],
                "translations": row["translations"],
            },
        )
    for row in data["label_rules"]:
        Rule.objects.update_or_create(
            position=row["position"],
            defaults={
                "label": row["label"],
                "min_total": row["min_total"],
                "min_scores": row["min_scores"],
                "max_scores": row["max_scores"],
            },
        )


def unload(apps, schema_editor):
    apps.get_model("practices", "LabelRule").objects.all().delete()
    apps.get_model("practices", "RubricCriterion").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
