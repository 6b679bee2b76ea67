from django.contrib import admin

from layers.inspections.models import (
    Evidence,
    Finding,
    GuardContract,
    Inspection,
    InspectionSchedule,
    Prescription,
    SecurityCompany,
)


@admin.register(SecurityCompany)
class SecurityCompanyAdmin(admin.ModelAdmin):
    list_display = ("name", "eik", "licence_number", "licence_valid_until")
    search_fields = ("name", "eik")


@admin.register(GuardContract)
class GuardContractAdmin(admin.ModelAdmin):
    list_display = ("company", "site", "starts_on", "ends_on", "posts", "value_eur")
    list_filter = ("company",)
    raw_id_fields = ("site",)


@admin.register(InspectionSchedule)
class InspectionScheduleAdmin(admin.ModelAdmin):
    list_display = ("year", "status", "inspectors", "created_at", "accepted_at")
    list_filter = ("status", "year")


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0


class PrescriptionInline(admin.TabularInline):
    model = Prescription
    extra = 0


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ("site", "company", "inspected_on", "inspector")
    list_filter = ("company",)
    raw_id_fields = ("site", "contract", "visit")
    inlines = (FindingInline, PrescriptionInline)


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ("finding", "original_name", "content_type", "size", "uploaded_at")
