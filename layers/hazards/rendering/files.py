"""Export files for analysts: Cloud-Optimized GeoTIFF, GeoPackage and CSV, each checked after writing."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import rasterio
import rasterio.shutil

# DEFLATE rather than the working files' ZSTD: every GIS an analyst may use (older ArcGIS,
# QGIS builds without ZSTD) reads it.
COG_OPTIONS = {
    "COMPRESS": "DEFLATE",
    "PREDICTOR": "YES",
    "BLOCKSIZE": 512,
    "OVERVIEWS": "AUTO",  # the stored raster's overviews are reused
    "BIGTIFF": "IF_SAFER",
    "NUM_THREADS": "ALL_CPUS",
}


class ExportCheckFailed(RuntimeError):
    """A written file does not read back as it should."""


def write_cog(*, source: Path, target: Path, categorical: bool) -> None:
    """Copy a stored raster to a Cloud-Optimized GeoTIFF with overviews."""
    target.parent.mkdir(parents=True, exist_ok=True)
    rasterio.shutil.copy(
        str(source),
        str(target),
        driver="COG",
        RESAMPLING="NEAREST" if categorical else "AVERAGE",
        **COG_OPTIONS,
    )


def check_cog(path: Path, *, like: Path) -> None:
    """The COG opens, is laid out as a COG, has overviews and matches the stored raster's frame."""
    with rasterio.open(path) as cog, rasterio.open(like) as stored:
        if cog.tags(ns="IMAGE_STRUCTURE").get("LAYOUT") != "COG":
            raise ExportCheckFailed(f"{path.name}: not laid out as a COG")
        if not cog.overviews(1):
            raise ExportCheckFailed(f"{path.name}: no overviews")
        if cog.crs != stored.crs or cog.transform != stored.transform or cog.shape != stored.shape:
            raise ExportCheckFailed(f"{path.name}: its frame differs from the stored raster's")


def write_geopackage(
    *, target: Path, layers: Sequence[tuple[str, gpd.GeoDataFrame]], metadata: Iterable[tuple[str, str]]
) -> None:
    """Vector layers and a `scenario` table of key/value metadata in one GeoPackage."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    for name, frame in layers:
        frame.to_file(target, layer=name, driver="GPKG", engine="pyogrio")
    table = pd.DataFrame(list(metadata), columns=["key", "value"])
    pyogrio.write_dataframe(table, target, layer="scenario", driver="GPKG")


def check_geopackage(path: Path, *, expected: dict[str, int]) -> None:
    """Every expected layer is there with its number of features."""
    found = {str(name): None for name, _ in pyogrio.list_layers(path)}
    for name, count in expected.items():
        if name not in found:
            raise ExportCheckFailed(f"{path.name}: layer {name} is missing")
        if pyogrio.read_info(path, layer=name)["features"] != count:
            raise ExportCheckFailed(f"{path.name}: layer {name} has the wrong number of features")


def write_csv(*, target: Path, columns: Sequence[str], rows: Iterable[dict]) -> int:
    """A UTF-8 CSV with a byte-order mark (spreadsheets then read the Cyrillic right); returns the row count."""
    target.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count
