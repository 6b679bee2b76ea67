"""Benchmark: a whole-municipality earthquake and 100-year flood at 25 m and 10 m, on the real Sofia data.

    source .local/env && .venv/bin/python bench/risk_core.py
    .venv/bin/python bench/risk_core.py --resolutions 25        # one resolution only

Each resolution runs in its own process, so its peak memory (max RSS) is its own. One run:

1. the grid over Sofia Municipality (lon 23.05–23.68, lat 42.41–42.90) in UTM 34N;
2. exposure: the 24 districts' 2011 census spread over the grid by GHS-POP density;
   terrain: the GLOBE 1 km DEM resampled onto a 250 m metric grid;
3. an Mw 6.5 earthquake on the Vitosha fault (epicentre 23.27 E, 42.60 N, normal faulting),
   then a 100-year flood; each writes hazard, impact, population and damage GeoTIFFs and
   computes district and site tables, with shelter coverage within 500 m.

Sites: schools and kindergartens and medical establishments are real (sensitive-sites
points, 2024); shelters are DEMO data (no shelter register is in reach): one per school,
150 places each (about 500 m² of gym at 3.5 m² per person, the Sphere standard).

Targets: 25 m ≤ 20 s; 10 m ≤ 120 s with peak memory ≤ 2 GB (2 cores). The last line printed
is one JSON object: {"s_25m": …, "s_10m": …, "peak_mb_10m": …}.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("SOFIA_DATA_DIR", ROOT.parent / "shared" / "data"))
VITOSHA_EPICENTRE = (23.27, 42.60)
DEMO_SHELTER_PLACES = 150.0


def log(message: str) -> None:
    print(message, flush=True)


def load_inputs():
    import shapely

    from risk_models.hazards import ScenarioInputs, load_districts, sites_from_arrays

    districts = load_districts(
        boundaries_path=DATA / "boundaries/sofia_districts.geojson",
        population_csv_path=DATA / "population/sofia_districts_population.csv",
    )
    rivers = [
        shapely.geometry.shape(feature["geometry"])
        for feature in json.loads((DATA / "hydrology/sofia_iskar_river_gshhg_wdb2.geojson").read_text())[
            "features"
        ]
    ]
    points = json.loads((DATA / "poi/sofia_sensitive_sites_points_2024.geojson").read_text())["features"]

    def coordinates(categories):
        chosen = [f for f in points if f["properties"]["category"] in categories]
        return [f["geometry"]["coordinates"][0] for f in chosen], [
            f["geometry"]["coordinates"][1] for f in chosen
        ]

    school_lon, school_lat = coordinates({"school", "kindergarten"})
    clinic_lon, clinic_lat = coordinates({"healthcare"})
    sites = sites_from_arrays(
        kind="school", lon=school_lon, lat=school_lat, occupants=300.0, fragility="URMM-low"
    )
    sites += sites_from_arrays(
        kind="hospital", lon=clinic_lon, lat=clinic_lat, occupants=150.0, fragility="C1M-low"
    )
    sites += sites_from_arrays(
        kind="shelter",
        lon=school_lon,
        lat=school_lat,
        ids=[f"demo-shelter-{i + 1}" for i in range(len(school_lon))],
        capacity=DEMO_SHELTER_PLACES,
        fragility="URMM-low",
        demo=True,
    )
    return ScenarioInputs(
        dem_path=str(DATA / "elevation/sofia_dem_globe_1km.tif"),
        population_raster_path=str(DATA / "population/ghs_pop_2020_sofia_120m_mollweide.tif"),
        districts=districts,
        rivers=rivers,
        sites=sites,
    )


def run_one(cell_size_m: float) -> dict:
    """Both scenarios at one resolution, in this process; returns timings and headline numbers."""
    from risk_models.hazards import (
        GridSpec,
        RasterOutputs,
        Scenario,
        prepare_exposure,
        prepare_scenario,
        prepare_terrain,
        run_scenario,
    )

    started = time.perf_counter()
    inputs = load_inputs()
    grid = GridSpec.from_lonlat_bounds(cell_size_m=cell_size_m)
    population = prepare_exposure(grid=grid, inputs=inputs)
    terrain = prepare_terrain(grid=grid, inputs=inputs)
    prepared_at = time.perf_counter()
    scenarios = [
        Scenario(
            kind="earthquake",
            name="Mw 6.5 Vitosha fault",
            magnitude=6.5,
            epicentre_lon=VITOSHA_EPICENTRE[0],
            epicentre_lat=VITOSHA_EPICENTRE[1],
            mechanism="normal",
            cell_size_m=cell_size_m,
        ),
        Scenario(kind="flood", name="100-year flood", return_period_years=100, cell_size_m=cell_size_m),
    ]
    report = {
        "cell_size_m": cell_size_m,
        "grid": f"{grid.width} x {grid.height} cells",
        "prepare_s": prepared_at - started,
    }
    with tempfile.TemporaryDirectory(prefix="risk_core_") as folder:
        for scenario in scenarios:
            began = time.perf_counter()
            prepared = prepare_scenario(
                scenario=scenario, inputs=inputs, grid=grid, population=population, terrain=terrain
            )
            outputs = RasterOutputs(
                hazard=f"{folder}/{scenario.kind}_hazard.tif",
                impact=f"{folder}/{scenario.kind}_impact.tif",
                population=f"{folder}/{scenario.kind}_population.tif",
                damage=f"{folder}/{scenario.kind}_damage.tif",
            )
            result = run_scenario(scenario=scenario, inputs=inputs, outputs=outputs, prepared=prepared).result
            totals = result.totals
            report[scenario.kind] = {
                "seconds": time.perf_counter() - began,
                "population": round(totals["population"]),
                "people_exposed": round(totals["people_exposed"]),
                "people_affected": round(totals["people_affected"]),
                "buildings_damaged": round(totals["buildings_damaged"]),
                "sites_hit": totals["sites_hit"],
                "sheltered_within_500m": round(totals["sheltered_within_walk"]),
                "shelter_deficit": round(totals["shelter_deficit"]),
                "results_hash": result.results_hash[:16],
                "notes": [note["text"] for note in result.notes],
            }
    report["seconds"] = time.perf_counter() - started
    # ru_maxrss is in KiB on Linux: the peak resident memory of this process.
    report["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return report


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--resolutions", type=float, nargs="+", default=[25.0, 10.0])
    parser.add_argument("--one", type=float, help=argparse.SUPPRESS)  # child mode: one resolution, JSON out
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    summary = {}
    for cell in args.resolutions:
        log(f"==> {cell:g} m: earthquake Mw 6.5 (Vitosha) + 100-year flood, whole municipality")
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(cell)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode != 0:
            sys.stderr.write(child.stderr)
            raise SystemExit(f"the {cell:g} m run failed")
        report = json.loads(child.stdout.strip().splitlines()[-1])
        log(f"    grid {report['grid']}; prepare (exposure + terrain) {report['prepare_s']:.2f} s")
        for kind in ("earthquake", "flood"):
            part = report[kind]
            log(
                f"    {kind:<10} {part['seconds']:6.2f} s  affected {part['people_affected']:>9,}  "
                f"exposed {part['people_exposed']:>9,}  buildings damaged {part['buildings_damaged']:>7,}  "
                f"sheltered ≤500 m {part['sheltered_within_500m']:>7,}  hash {part['results_hash']}"
            )
        log(f"    total {report['seconds']:.2f} s, peak memory {report['peak_mb']:.0f} MB")
        summary[cell] = report
    notes = next(iter(summary.values()))
    log("notes: " + " | ".join(notes["earthquake"]["notes"] + notes["flood"]["notes"]))
    log("shelters are DEMO data (one per school, 150 places each); the building stock split is an ASSUMPTION")
    line = {}
    if 25.0 in summary:
        line["s_25m"] = round(summary[25.0]["seconds"], 2)
    if 10.0 in summary:
        line["s_10m"] = round(summary[10.0]["seconds"], 2)
        line["peak_mb_10m"] = round(summary[10.0]["peak_mb"], 1)
    print(json.dumps(line))


if __name__ == "__main__":
    main()
