"""Load the ISCED-F 2013 narrow fields as sectors (see mobinnov/network/sectors.py)."""

from django.db import migrations

CODES = [
    "001", "011", "021", "022", "023", "031", "032", "041", "042", "051", "052", "053", "054",
    "061", "071", "072", "073", "081", "082", "083", "084", "091", "092", "101", "102", "103",
    "104",
]


def load(apps, schema_editor):
    Sector = apps.get_model("network", "Sector")
    for code in CODES:
        Sector.objects.get_or_create(code=code)


def unload(apps, schema_editor):
    apps.get_model("network", "Sector").objects.filter(code__in=CODES).delete()


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
