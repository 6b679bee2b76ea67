"""Issue 11 item 5: the OpenAPI document is valid, complete and generated without warnings."""

from __future__ import annotations

import pytest
import yaml
from django.core.management import call_command
from openapi_spec_validator import validate


@pytest.fixture(scope="module")
def schema(tmp_path_factory) -> dict:
    path = tmp_path_factory.mktemp("openapi") / "schema.yaml"
    # --fail-on-warn: any generation warning (unresolved view, enum clash, …) fails here.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    return yaml.safe_load(path.read_text())


def test_schema_is_valid_openapi(schema):
    validate(schema)


def test_every_endpoint_is_documented(schema):
    paths = schema["paths"]
    for path in (
        "/tiles/{layers}/{z}/{x}/{y}.mvt",
        "/tiles/{layers}.json",
        "/api/search/",
        "/api/layers/{slug}/features/",
        "/api/layers/{slug}/features/{feature_id}/",
        "/api/events/",
        "/api/surveillance/who-sees/",
        "/api/risk/scenarios/",
        "/api/auth/token/",
        "/api/auth/token/new/",
        "/healthz",
    ):
        assert path in paths, path
    features = {p["name"]: p for p in paths["/api/layers/{slug}/features/"]["get"]["parameters"]}
    assert {"bbox", "bbox-crs", "crs", "datetime", "limit", "offset", "attributes"} <= set(features)
    assert features["attributes"]["style"] == "form" and features["attributes"]["explode"] is True
    detail = paths["/api/layers/{slug}/features/{feature_id}/"]["get"]["responses"]["200"]["content"]
    assert detail["application/geo+json"]["schema"]["properties"]["type"]["enum"] == ["Feature"]
    search = paths["/api/search/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert "results" in search["properties"]
    # Every API operation names the error body for its 4xx answers.
    for path, item in paths.items():
        if path.startswith("/api/") and "get" in item:
            assert item["get"]["responses"]["404"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/Error"
            }, path
