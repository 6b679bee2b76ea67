from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shelters", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="shelter",
            name="capacity",
            field=models.PositiveIntegerField(
                help_text="0 where the official list gives none", verbose_name="capacity, persons"
            ),
        ),
        migrations.AddField(
            model_name="shelter",
            name="category",
            field=models.CharField(blank=True, max_length=20, verbose_name="category"),
        ),
        migrations.AddField(
            model_name="shelter",
            name="operator",
            field=models.CharField(blank=True, max_length=200, verbose_name="operator"),
        ),
        migrations.AddField(
            model_name="shelter",
            name="official_list",
            field=models.CharField(blank=True, max_length=40, verbose_name="official list"),
        ),
        migrations.AddField(
            model_name="shelter",
            name="geocoding_note",
            field=models.CharField(blank=True, max_length=300, verbose_name="note on the position"),
        ),
    ]
