"""Bulgarian PDF reports (ReportLab + DejaVu, as the events opinion and the risk PDF) and the plan
annex as a GeoPackage: the survey report, the annex of the municipal counter-terrorism plan, and
the counter-terrorism section of a large event's opinion. The maps reuse the opinion's drawing."""

from __future__ import annotations

import tempfile
from io import BytesIO
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from django.utils import timezone, translation
from reportlab.graphics.shapes import Circle, Drawing, Group, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer

from layers.counterterrorism.api.outputs import CLASS_LABELS, FACTOR_LABELS
from layers.counterterrorism.models import Finding, ProtectedSite, SiteCategory, Survey
from layers.counterterrorism.selectors import analysis, records
from layers.events.documents.opinion_map import FONT, _context, _draw, _north_arrow, _scale_bar, frame_for
from layers.events.documents.opinion_pdf import _p, _styles, _table, register_fonts
from risk_models.counterterrorism import DEVICES
from risk_models.counterterrorism.approaches import SOURCE as APPROACH_SOURCE
from risk_models.counterterrorism.standoff import SOURCE as STANDOFF_SOURCE
from risk_models.counterterrorism.survey import CHECKLIST
from risk_models.surveillance import to_storage

HEADER = "СТОЛИЧНА ОБЩИНА — ДИРЕКЦИЯ „СИГУРНОСТ“"
RESTRICTED = "Ограничен достъп — само за служебно ползване. Демонстрационни данни."
CLASS_COLOURS = {"high": "#c62828", "medium": "#ef6c00", "low": "#2e7d32"}
AGENCIES = (
    (
        "ДАНС",
        "Оценка на заплахата, координация при терористична заплаха (Закон за противодействие на тероризма)",
    ),
    ("СДВР", "Кордони, отцепване, движение, задържане, охрана на местопроизшествието"),
    ("ГДПБЗН / СДПБЗН", "Гасене, спасяване, евакуация, химическа и радиационна обстановка"),
    ("ЦСМП — София", "Медицинско сортиране, помощ и транспорт на пострадалите"),
    ("Общинска полиция", "Подкрепа на кордоните, контрол на достъпа до общински обекти"),
    ("Дирекция „Сигурност“", "Координация, оповестяване, места за събиране и временно настаняване"),
)
WHITE = colors.white


def _doc(buffer, title):
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=title,
        author="Столична община, дирекция „Сигурност“",
    )


def _width() -> float:
    return A4[0] - 36 * mm


def _dot(group: Group, frame, x: float, y: float, colour: str, r: float = 4.0, label: str = "") -> None:
    px, py = frame.xy(x, y)
    group.add(Circle(px, py, r, fillColor=colors.HexColor(colour), strokeColor=WHITE, strokeWidth=0.8))
    if label:
        group.add(
            String(px, py - 2, label, fontName=FONT, fontSize=5.5, fillColor=WHITE, textAnchor="middle")
        )


def area_map(
    focus: shapely.Geometry, *, width: float, height: float, margin_m: float = 150.0, layers=()
) -> Drawing:
    """A map round a metric geometry: districts and streets, then `layers` of (geometry, style)."""
    frame = frame_for(focus, width=width, height=height, margin_m=margin_m)
    drawing = Drawing(width, height)
    group = Group()
    group.add(
        Rect(
            0, 0, width, height, fillColor=colors.HexColor("#fafafa"), strokeColor=colors.HexColor("#b0bec5")
        )
    )
    _context(group, frame)
    for geometry, style in layers:
        if style.get("dot"):
            for part in shapely.get_parts(geometry):
                _dot(group, frame, part.x, part.y, style["dot"], style.get("r", 4.0), style.get("label", ""))
        else:
            _draw(
                group,
                geometry,
                frame,
                stroke=colors.HexColor(style.get("stroke", "#000")),
                width=style.get("width", 1.0),
                fill=colors.HexColor(style["fill"]) if style.get("fill") else None,
                dash=style.get("dash"),
            )
    _scale_bar(group, frame)
    _north_arrow(group, frame)
    drawing.add(group)
    return drawing


def _site_area(site: ProtectedSite) -> shapely.Geometry:
    return records.metric(site.footprint) if site.footprint else records.metric(site.position).buffer(30)


# --- survey report -----------------------------------------------------------------------------


def survey_pdf(survey: Survey) -> bytes:
    register_fonts()
    with translation.override("bg"):
        styles = _styles()
        width = _width()
        buffer = BytesIO()
        site = survey.site
        area = _site_area(site)
        findings = list(survey.findings.all())
        layers = [(area, {"stroke": "#4a148c", "fill": "#e1bee7", "width": 1.5})]
        for n, f in enumerate(findings, start=1):
            if f.zone is not None:
                layers.append((records.metric(f.zone), {"stroke": "#d50000", "width": 1.2, "dash": [3, 2]}))
            layers.append((records.metric(f.location), {"dot": "#d50000", "label": str(n), "r": 5}))
        index = "—" if survey.protective_index is None else f"{survey.protective_index:.0f} / 100"
        story = [
            _p(HEADER, styles["head"]),
            _p("ДОКЛАД ОТ ОХРАНИТЕЛНО ОБСЛЕДВАНЕ", styles["title"]),
            _p(RESTRICTED, styles["small"]),
            Spacer(1, 6),
            _p("1. Обект", styles["h2"]),
            _table(
                [
                    ["Обект", site.name],
                    ["Категория", str(SiteCategory(site.category).label)],
                    ["Собственик / оператор", f"{site.owner} / {site.operator}"],
                    ["Дата на обследването", survey.surveyed_on.strftime("%d.%m.%Y")],
                    [
                        "Обследвал",
                        survey.surveyor.get_full_name() or survey.surveyor.username
                        if survey.surveyor
                        else "—",
                    ],
                    ["Индекс на защитните мерки", index],
                ],
                [width * 0.32, width * 0.68],
                styles,
            ),
            _p("Индекс = 100 × Σ wᵢ·sᵢ / (4 × Σ wᵢ) по оценените области (оценки 0–4).", styles["small"]),
            _p("2. Карта", styles["h2"]),
            area_map(area, width=width, height=width * 0.55, layers=layers),
            _p("3. Контролен списък", styles["h2"]),
        ]
        labels = {a.key: (a.label_bg, a.weight) for a in CHECKLIST}
        rows = [["Област", "Тегло", "Оценка", "Мотиви и доказателства"]]
        for item in survey.items.all():
            evidence = "; ".join(e.note or "снимка" for e in item.evidence.all())
            rows.append(
                [
                    labels[item.area][0],
                    f"{labels[item.area][1]:g}",
                    "н.п." if item.score is None else str(item.score),
                    item.reason + (f" Доказателства: {evidence}" if evidence else ""),
                ]
            )
        story.append(
            _table(rows, [width * 0.25, width * 0.1, width * 0.1, width * 0.55], styles, header=True)
        )
        story.append(_p("4. Констатации", styles["h2"]))
        if findings:
            rows = [["№", "Констатация", "Отговорник", "Срок", "Състояние"]] + [
                [
                    str(n),
                    f.description,
                    f.responsible,
                    f.deadline.strftime("%d.%m.%Y"),
                    "закрита" if f.status == "closed" else "открита",
                ]
                for n, f in enumerate(findings, start=1)
            ]
            story.append(
                _table(
                    rows,
                    [width * 0.06, width * 0.44, width * 0.2, width * 0.14, width * 0.16],
                    styles,
                    header=True,
                )
            )
        else:
            story.append(_p("Няма констатации.", styles["body"]))
        history = list(Survey.objects.filter(site=site).order_by("surveyed_on", "id"))
        if len(history) > 1:
            story.append(_p("5. История на обследванията", styles["h2"]))
            story.append(
                _table(
                    [["Дата", "Индекс"]]
                    + [
                        [
                            s.surveyed_on.strftime("%d.%m.%Y"),
                            "—" if s.protective_index is None else f"{s.protective_index:.0f}",
                        ]
                        for s in history
                    ],
                    [width * 0.3, width * 0.2],
                    styles,
                    header=True,
                )
            )
        story.append(_p(f"Изготвен на {timezone.localtime().strftime('%d.%m.%Y %H:%M')}.", styles["small"]))
        _doc(buffer, f"Охранително обследване {survey.pk}").build(story)
        return buffer.getvalue()


# --- plan annex ---------------------------------------------------------------------------------


def _ranking():
    scored = analysis.score_all()
    order = np.argsort(-scored.scores.score, kind="stable")
    return scored, order


def annex_pdf() -> bytes:
    register_fonts()
    with translation.override("bg"):
        styles = _styles()
        width = _width()
        buffer = BytesIO()
        scored, order = _ranking()
        sites = {s.pk: s for s in ProtectedSite.objects.all()}
        story = [
            _p(HEADER, styles["head"]),
            _p("ПРИЛОЖЕНИЕ КЪМ ОБЩИНСКИЯ ПЛАН ЗА ПРОТИВОДЕЙСТВИЕ НА ТЕРОРИЗМА", styles["title"]),
            _p(RESTRICTED, styles["small"]),
            _p(
                f"Към {timezone.localtime().strftime('%d.%m.%Y')}. Риск = 100 × заплаха × уязвимост × последици; "
                "класове: висок ≥ 30, среден 15–30, нисък < 15.",
                styles["small"],
            ),
        ]
        for number, cls in enumerate(("high", "medium", "low"), start=1):
            members = [i for i in order if scored.scores.risk_class[i] == cls]
            story.append(_p(f"{number}. Обекти с {CLASS_LABELS[cls][0]} риск ({len(members)})", styles["h2"]))
            if not members:
                story.append(_p("Няма.", styles["body"]))
                continue
            points = shapely.MultiPoint([scored.places[i].centre for i in members])
            story.append(
                area_map(
                    points,
                    width=width,
                    height=width * 0.5,
                    margin_m=400,
                    layers=[(points, {"dot": CLASS_COLOURS[cls], "r": 3.5})],
                )
            )
            rows = [["Обект", "Риск", "Водещи фактори"]]
            for i in members:
                from risk_models.counterterrorism import top_drivers

                drivers = ", ".join(FACTOR_LABELS[f][0] for f, _v in top_drivers(scored.scores.drive[i], 2))
                rows.append([scored.places[i].name, f"{scored.scores.score[i]:.1f}", drivers])
            story.append(_table(rows, [width * 0.45, width * 0.1, width * 0.45], styles, header=True))
        story.append(PageBreak())
        story.append(_p("4. Шаблони за кордони (US NCTC)", styles["h2"]))
        story.append(_p(STANDOFF_SOURCE, styles["small"]))
        story.append(
            _table(
                [["Устройство", "Задължителна евакуация, м", "Укриване на място до, м"]]
                + [[d.label_bg, f"{d.evacuation_m:g}", f"{d.shelter_m:g}"] for d in DEVICES.values()],
                [width * 0.5, width * 0.25, width * 0.25],
                styles,
                header=True,
            )
        )
        high = [i for i in order if scored.places[i].kind == "site"][:6]
        for i in high:
            place = scored.places[i]
            result = analysis.run_cordon(place.area, "van")
            inner, outer = result.rings
            story.append(_p(f"{place.name} — кордон за ван (122 / 732 м)", styles["body"]))
            story.append(
                area_map(
                    outer.area,
                    width=width,
                    height=width * 0.45,
                    margin_m=50,
                    layers=[
                        (outer.area, {"stroke": "#f9a825", "width": 1.2, "dash": [4, 2]}),
                        (inner.area, {"stroke": "#c62828", "width": 1.5}),
                        (place.area, {"stroke": "#4a148c", "fill": "#e1bee7"}),
                        *[
                            (shapely.Point(x, y), {"dot": "#263238", "r": 2.5})
                            for _k, x, y in result.cordon_points
                        ],
                    ],
                )
            )
            story.append(
                _table(
                    [["Зона", "Сгради", "Хора ден/нощ", "Училища", "Болници", "Спирки"]]
                    + [
                        [
                            ("евакуация" if r.key == "evacuation" else "укриване"),
                            str(r.counts["buildings"]),
                            f"{r.people_day} / {r.people_night}",
                            str(r.counts["schools"]),
                            str(r.counts["hospitals"]),
                            str(r.counts["stops"]),
                        ]
                        for r in result.rings
                    ],
                    [width * 0.2, width * 0.13, width * 0.22, width * 0.15, width * 0.15, width * 0.15],
                    styles,
                    header=True,
                )
            )
            if result.assembly:
                story.append(
                    _p(
                        "Места за събиране: "
                        + "; ".join(
                            f"{a.label} ({a.capacity} души, {a.walk_m:.0f} м пеша)" for a in result.assembly
                        ),
                        styles["small"],
                    )
                )
        story.append(_p("5. Отговорности по институции", styles["h2"]))
        story.append(
            _table(
                [["Институция", "Отговорност"]] + [list(a) for a in AGENCIES],
                [width * 0.3, width * 0.7],
                styles,
                header=True,
            )
        )
        story.append(_p("6. Списък за връзка", styles["h2"]))
        rows = [["Обект", "Роля", "Лице", "Телефон"]]
        for site in sorted(sites.values(), key=lambda s: s.name):
            if site.category == SiteCategory.CROWDED_PLACE:
                continue
            for c in site.contacts or []:
                rows.append([site.name, c.get("role", ""), c.get("name", ""), c.get("phone", "")])
        story.append(
            _table(rows, [width * 0.38, width * 0.27, width * 0.18, width * 0.17], styles, header=True)
        )
        story.append(_p("Източници: " + STANDOFF_SOURCE + "; " + APPROACH_SOURCE, styles["small"]))
        _doc(buffer, "Приложение към плана за противодействие на тероризма").build(story)
        return buffer.getvalue()


def annex_gpkg() -> bytes:
    scored, order = _ranking()
    rows = []
    for rank, i in enumerate(order, start=1):
        place = scored.places[i]
        rows.append(
            {
                "rank": rank,
                "kind": place.kind,
                "name": place.name,
                "category": place.category,
                "risk": round(float(scored.scores.score[i]), 1),
                "risk_class": scored.scores.risk_class[i],
                "demo": place.demo,
                "geometry": to_storage(shapely.Point(place.centre)),
            }
        )
    sites = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    templates = []
    for i in order:
        place = scored.places[i]
        if place.kind != "site":
            continue
        for key in ("pipe_bomb", "van", "semi_trailer"):
            d = DEVICES[key]
            for ring, radius in (("evacuation", d.evacuation_m), ("shelter", d.shelter_m)):
                templates.append(
                    {
                        "site": place.name,
                        "device": d.label_bg,
                        "ring": ring,
                        "radius_m": radius,
                        "geometry": to_storage(place.area.buffer(radius, quad_segs=16)),
                    }
                )
    cordons = gpd.GeoDataFrame(templates, geometry="geometry", crs="EPSG:4326")
    contacts = [
        {
            "site": s.name,
            "role": c.get("role", ""),
            "person": c.get("name", ""),
            "phone": c.get("phone", ""),
            "geometry": shapely.Point(s.position.x, s.position.y),
        }
        for s in ProtectedSite.objects.exclude(category=SiteCategory.CROWDED_PLACE).order_by("name")
        for c in (s.contacts or [])
    ]
    agencies = gpd.GeoDataFrame(
        [{"agency": a, "responsibility": r, "geometry": None} for a, r in AGENCIES],
        geometry="geometry",
        crs="EPSG:4326",
    )
    findings = [
        {
            "site": f.survey.site.name,
            "description": f.description,
            "responsible": f.responsible,
            "deadline": f.deadline.isoformat(),
            "status": f.status,
            "geometry": shapely.Point(f.location.x, f.location.y),
        }
        for f in Finding.objects.select_related("survey__site")
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "annex.gpkg"
        sites.to_file(path, layer="sites_by_risk", driver="GPKG")
        cordons.to_file(path, layer="cordon_templates", driver="GPKG")
        if contacts:
            gpd.GeoDataFrame(contacts, geometry="geometry", crs="EPSG:4326").to_file(
                path, layer="contacts", driver="GPKG"
            )
        agencies.to_file(path, layer="responsibilities", driver="GPKG")
        if findings:
            gpd.GeoDataFrame(findings, geometry="geometry", crs="EPSG:4326").to_file(
                path, layer="findings", driver="GPKG"
            )
        return path.read_bytes()
