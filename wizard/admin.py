"""The Django admin for staff: useful lists, filters and search; the audit trail read-only."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wizard.models import (
    AuditEvent,
    Comment,
    Membership,
    Organisation,
    Policy,
    PolicyTemplate,
    Revision,
)
from wizard.organisations.forms import INTAKE_FIELDS, LOGO_HELP, LogoField
from wizard.organisations.services import organisation_set_logo
from wizard.policies.services import policy_set_content


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class OrganisationAdminForm(forms.ModelForm):
    """The logo goes through the same checks as in the app (LogoField), never as a raw file."""

    new_logo = LogoField(label=_("New logo"), required=False, help_text=LOGO_HELP)
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = Organisation
        fields = [
            "name",
            "slug",
            "policy_language",
            "brand_colour",
            "contact_person",
            "contact_email",
            *INTAKE_FIELDS,
            "staff_email_domains",
        ]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationAdminForm
    list_display = ["name", "slug", "sector", "policy_language", "contact_person", "created_at"]
    list_filter = [
        "policy_language",
        "sector",
        "staff_size",
        "participation_body",
        "collective_agreement_settles",
    ]
    search_fields = ["name", "slug", "contact_person", "contact_email"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["current_logo"]
    inlines = [MembershipInline]

    @admin.display(description=_("Current logo"))
    def current_logo(self, obj: Organisation) -> str:
        if not obj.logo_url:
            return "-"
        return format_html('<img src="{}" alt="" height="48">', obj.logo_url)

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        new_logo = form.cleaned_data.get("new_logo")
        if new_logo is not None:
            organisation_set_logo(organisation=obj, logo=new_logo)
        elif form.cleaned_data.get("remove_logo") and obj.logo_id:
            organisation_set_logo(organisation=obj, logo=None)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "status", "language", "version", "updated_at"]
    list_filter = ["status", "language", "organisation"]
    search_fields = ["title", "organisation__name"]
    list_select_related = ["organisation"]
    readonly_fields = [
        "version",
        "incomplete_steps",
        "created_by",
        "updated_by",
        "created_at",
        "updated_at",
    ]
    date_hierarchy = "updated_at"

    def save_model(self, request, obj, form, change):
        # Content edited here is a write like any other: which steps it completes goes with it.
        policy_set_content(obj, obj.content)
        super().save_model(request, obj, form, change)


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["policy", "number", "step", "author", "created_at"]
    list_filter = ["step"]
    search_fields = ["policy__title", "policy__organisation__name", "author__username"]
    list_select_related = ["policy", "author"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "organisation", "policy", "actor", "action", "detail"]
    list_filter = ["action", "organisation"]
    search_fields = ["actor__username", "policy__title", "organisation__name", "detail"]
    list_select_related = ["organisation", "policy", "actor"]
    date_hierarchy = "created_at"

    # The trail is evidence: nobody edits or deletes it, not even staff.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["created_at", "policy", "block_key", "author", "resolved_at"]
    list_filter = ["block_key"]
    search_fields = ["text", "policy__title", "policy__organisation__name", "author__username"]
    list_select_related = ["policy", "author"]
    date_hierarchy = "created_at"

    # A reviewer's words are theirs: staff read them here, they never rewrite them.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PolicyTemplate)
class PolicyTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "language", "created_at"]
    list_filter = ["language"]
    search_fields = ["title", "owner__username"]
    list_select_related = ["owner"]
    readonly_fields = ["content", "source_name", "source_contact_person", "source_contact_email"]
