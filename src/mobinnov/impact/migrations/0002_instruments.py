"""Load the item bank and the default instruments shipped as data
(impact/data/instruments.json: T0, T1, T2, T3 and host feedback, in English
and French; provenance at the top of the file). The data is validated first
(mobinnov.impact.instruments.validate); only what does not exist yet is
created, so calling ``load`` again (the tests do after a flush) is safe."""

from django.db import migrations


def load(apps, schema_editor):
    from mobinnov.impact.instruments import load_instruments, read_data

    load_instruments(read_data(), apps=apps)


def unload(apps, schema_editor):
    from mobinnov.impact.instruments import read_data, unload_instruments

    unload_instruments(read_data(), apps=apps)


class Migration(migrations.Migration):
    dependencies = [("impact", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
