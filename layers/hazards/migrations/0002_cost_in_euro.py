"""Costs in euro: Bulgaria has used the euro since 1 January 2026. Amounts entered in leva are
converted at the fixed rate of 1.95583 лв. per euro (fixed by the Council of the EU, July 2025)."""

from decimal import ROUND_HALF_UP, Decimal

import django.core.validators
from django.db import migrations, models

BGN_PER_EUR = Decimal("1.95583")


def leva_to_euro(apps, schema_editor):
    Measure = apps.get_model("hazards", "Measure")
    for measure in Measure.objects.all():
        measure.cost_eur = (measure.cost_eur / BGN_PER_EUR).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        measure.save(update_fields=["cost_eur"])


def euro_to_leva(apps, schema_editor):
    Measure = apps.get_model("hazards", "Measure")
    for measure in Measure.objects.all():
        measure.cost_eur = (measure.cost_eur * BGN_PER_EUR).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        measure.save(update_fields=["cost_eur"])


class Migration(migrations.Migration):
    dependencies = [("hazards", "0001_initial")]

    operations = [
        migrations.RenameField("measure", "cost_lev", "cost_eur"),
        migrations.AlterField(
            model_name="measure",
            name="cost_eur",
            field=models.DecimalField(
                decimal_places=2,
                max_digits=14,
                validators=[django.core.validators.MinValueValidator(0.01)],
                verbose_name="cost, EUR",
            ),
        ),
        migrations.RunPython(leva_to_euro, euro_to_leva),
    ]
