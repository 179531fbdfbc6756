"""Forms of a policy: one step form per building block (made from its definition), the new
policy form and the finishing details."""

from __future__ import annotations

from django import forms
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from wizard.fields import CleanTextField, DatePicker, LinesField
from wizard.policies.blocks import (
    BLOCKS,
    Block,
    BlockField,
    always_clauses,
    offered_in,
)
from wizard.policies.document import organisation_facts, organisation_sector, placeholder_values
from wizard.policies.locks import LOCKED_DEFAULT_REASON, OWN_TEXT, changed_locked_parts
from wizard.policies.models import Policy
from wizard.policies.releases import printed_clause
from wizard.text import clean_text, fill, interface_language, text_in

NEEDS_CLAUSE_OR_TEXT = _("Choose at least one clause or write something in your own words.")
REQUIRED_CHOICE = _("Choose at least one option.")
LOCKED_PART_NOT_CHANGED = _(
    "“%(part)s” is locked by your consultant's master policy and cannot be changed or "
    "removed. %(reason)s"
)

# What a draft may hold when it is saved without validation ("Previous", jumping to a step):
# generous, so nothing typed is lost, but bounded so no one stores megabytes.
DRAFT_TEXT_LIMIT = 5000


class BlockForm(forms.Form):
    """The form of one wizard step. Subclasses are made by `block_form_class`."""

    block: Block
    base_hash = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, policy: Policy, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.policy = policy
        ui = interface_language()
        # Clause texts and option labels are shown as they will be printed, in the policy's
        # language and with the organisation's details filled in.
        language = policy.language
        values = placeholder_values(policy)
        sector = organisation_sector(policy.organisation)
        facts = organisation_facts(policy.organisation)
        # What the organisation's sector is offered, plus anything already stored (a policy
        # written before the sector changed stays valid) or locked by a master (its lock is
        # shown with the clause's own words).
        stored = (policy.content or {}).get(self.block.key) or {}
        self.locks = (policy.locks or {}).get(self.block.key) or {}
        kept = set(stored.get("clauses") or []) | {
            part.removeprefix("clause:") for part in self.locks if part.startswith("clause:")
        }
        self.fields["clauses"].choices = [
            (clause.key, printed_clause(policy, self.block.key, clause, language, facts, values))
            for clause in self.block.clauses
            if not clause.always and (offered_in(clause, sector) or clause.key in kept)
        ]
        self.always_printed = [
            printed_clause(policy, self.block.key, clause, language, facts, values)
            for clause in always_clauses(self.block)
        ]
        self.fields["clauses"].label = _("Clauses")
        self.fields["own_text"].label = _("In your own words")
        self.fields["own_text"].help_text = text_in(self.block.own_text_help, ui)
        for block_field in self.block.fields:
            field = self.fields[block_field.key]
            field.label = text_in(block_field.label, ui)
            field.help_text = text_in(block_field.help, ui)
            if block_field.options:
                chosen = stored.get(block_field.key) or []
                chosen = set(chosen if isinstance(chosen, list) else [chosen])
                field.choices = [
                    (option.key, fill(text_in(option.label, language), values))
                    for option in block_field.options
                    if offered_in(option, sector) or option.key in chosen
                ]
        clause_labels = dict(self.fields["clauses"].choices)
        # What the editor is told is locked, and why (never another client's text: the parts
        # are this policy's own).
        self.locked_parts = [
            {"label": self.part_label(part, clause_labels), "reason": reason or ""}
            for part, reason in self.locks.items()
        ]
        for part in self.locks:
            name = OWN_TEXT if part == OWN_TEXT else part.removeprefix("field:")
            if not part.startswith("clause:") and name in self.fields:
                self.fields[name].widget.attrs["readonly"] = True

    def part_label(self, part: str, clause_labels: dict) -> str:
        if part.startswith("clause:"):
            key = part.removeprefix("clause:")
            chosen = key in ((self.policy.content or {}).get(self.block.key) or {}).get(
                "clauses", []
            )
            text = clause_labels.get(key, key)
            return text if chosen else _("Left out: %(clause)s") % {"clause": text}
        if part == OWN_TEXT:
            return str(self.fields[OWN_TEXT].label)
        name = part.removeprefix("field:")
        return str(self.fields[name].label) if name in self.fields else name

    def clean(self):
        cleaned = super().clean()
        stored = (self.policy.content or {}).get(self.block.key) or {}
        data = {name: cleaned.get(name) for name in self.content_fields() if name in cleaned}
        clause_labels = dict(self.fields["clauses"].choices)
        for part in changed_locked_parts(self.policy.locks, self.block.key, stored, data):
            name = "clauses" if part.startswith("clause:") else part.removeprefix("field:")
            if name not in cleaned:
                continue  # the field has an error of its own already
            params = {
                "part": self.part_label(part, clause_labels),
                "reason": self.locks.get(part) or LOCKED_DEFAULT_REASON,
            }
            self.add_error(
                name, forms.ValidationError(LOCKED_PART_NOT_CHANGED, code="locked", params=params)
            )
        if not cleaned.get("clauses") and not cleaned.get("own_text") and not self.errors:
            raise forms.ValidationError(NEEDS_CLAUSE_OR_TEXT, code="empty_block")
        return cleaned

    def block_data(self) -> dict:
        """The declared fields only, as stored on the policy (never raw POST keys)."""
        return {name: self.cleaned_data[name] for name in self.content_fields()}

    @classmethod
    def content_fields(cls) -> list[str]:
        return ["clauses", *(f.key for f in cls.block.fields), "own_text"]

    def draft_data(self) -> dict:
        """What was typed, kept even where it does not validate yet."""
        self.is_valid()
        draft: dict = {}
        for name in self.content_fields():
            if name in self.cleaned_data:
                draft[name] = self.cleaned_data[name]
                continue
            field = self.fields[name]
            if isinstance(field, forms.MultipleChoiceField):
                allowed = {key for key, _label in field.choices}
                raw = (
                    self.data.getlist(self.add_prefix(name))
                    if hasattr(self.data, "getlist")
                    else []
                )
                draft[name] = [value for value in raw if value in allowed]
            elif isinstance(field, forms.ChoiceField):
                allowed = {key for key, _label in field.choices}
                raw = self.data.get(self.add_prefix(name), "")
                draft[name] = raw if raw in allowed else ""
            else:
                raw = clean_text(str(self.data.get(self.add_prefix(name), "")))[:DRAFT_TEXT_LIMIT]
                if isinstance(field, LinesField):
                    draft[name] = [line.strip() for line in raw.split("\n") if line.strip()]
                else:
                    draft[name] = raw.strip()
        return draft


def _form_field(block_field: BlockField) -> forms.Field:
    if block_field.kind == "multi":
        return forms.MultipleChoiceField(
            required=block_field.required,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": REQUIRED_CHOICE},
        )
    if block_field.kind == "single":
        return forms.ChoiceField(required=block_field.required, widget=forms.RadioSelect)
    if block_field.kind == "lines":
        return LinesField(required=block_field.required, max_length=block_field.max_length)
    return CleanTextField(required=block_field.required, max_length=block_field.max_length)


def block_form_class(block: Block) -> type[BlockForm]:
    attrs: dict = {
        "block": block,
        "clauses": forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple),
    }
    for block_field in block.fields:
        attrs[block_field.key] = _form_field(block_field)
    attrs["own_text"] = CleanTextField(
        required=False,
        max_length=block.max_chars,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    return type(f"{block.key.title().replace('_', '')}Form", (BlockForm,), attrs)


# The step forms, in wizard order, as formtools wants them: (name, form class) pairs.
STEP_FORMS: list[tuple[str, type[BlockForm]]] = [
    (block.key, block_form_class(block)) for block in BLOCKS
]
STEP_FORM_BY_KEY = dict(STEP_FORMS)


def step_form_data(policy: Policy, step: str, content: dict | None = None) -> MultiValueDict:
    """A block's stored content as the data its step form would be submitted with (the form
    prefix is the step's name, as formtools gives it)."""
    stored = (policy.content if content is None else content).get(step) or {}
    form_class = STEP_FORM_BY_KEY[step]
    data = MultiValueDict()
    for name in form_class.content_fields():
        value = stored.get(name)
        key = f"{step}-{name}"
        if isinstance(value, list):
            if isinstance(form_class.base_fields[name], forms.MultipleChoiceField):
                data.setlist(key, [str(v) for v in value])
            else:
                data[key] = "\n".join(str(v) for v in value)
        elif value is not None:
            data[key] = str(value)
    return data


def block_form_errors(policy: Policy, block: Block, content: dict | None = None) -> dict:
    """Validate one block's stored content with its form, as if it were submitted now."""
    form = STEP_FORM_BY_KEY[block.key](
        data=step_form_data(policy, block.key, content), prefix=block.key, policy=policy
    )
    return {} if form.is_valid() else form.errors


def incomplete_steps(policy: Policy, content: dict) -> list[str]:
    """Keys of the steps whose block in `content` would not pass its step form."""
    return [block.key for block in BLOCKS if block_form_errors(policy, block, content)]


class NewPolicyForm(forms.Form):
    title = CleanTextField(label=_("Title"), max_length=120, required=False)
    language = forms.ChoiceField(
        label=_("Language of the policy"), choices=Policy._meta.get_field("language").choices
    )


# The consent date's label names the organisation's body (a staff representation is consulted).
CONSENT_LABELS = {
    "works_council": _("Works council consented on"),
    "mr_staff_section": _("Staff section of the participation council (MR) consented on"),
    "gmr_staff_section": _("Staff section of the joint participation council (GMR) consented on"),
    "staff_representation": _("Staff representation consulted on"),
    "none": _("Participation body consented on"),
}


class DetailsForm(forms.ModelForm):
    """The finishing details on the review page."""

    title = CleanTextField(label=_("Title"), max_length=120)
    version_label = CleanTextField(label=_("Version label"), max_length=20)
    contact_person = CleanTextField(label=_("Contact person"), max_length=120, required=False)
    # details_hash of the details as shown, so a colleague's save meanwhile is never lost.
    base_hash = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    class Meta:
        model = Policy
        fields = [
            "title",
            "language",
            "effective_date",
            "version_label",
            "contact_person",
            "contact_email",
            "next_review_date",
            "adopted_on",
            "consented_on",
        ]
        widgets = {
            "effective_date": DatePicker(),
            "adopted_on": DatePicker(),
            "consented_on": DatePicker(),
            "next_review_date": DatePicker(),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["adopted_on"].label = _("Adopted by the management on")
        self.fields["adopted_on"].help_text = _(
            "The policy then prints its adoption line, with the participation body's consent "
            "when it has a date."
        )
        body = self.instance.organisation.participation_body if self.instance.pk else "none"
        self.fields["consented_on"].label = CONSENT_LABELS.get(body, CONSENT_LABELS["none"])
        self.fields["consented_on"].help_text = _(
            "Consent comes before the effective date; a decision without a required consent can "
            "be declared void (WOR art. 27 lid 5). Leave empty if you have no participation body."
        )

    def clean(self):
        cleaned = super().clean()
        effective, consented = cleaned.get("effective_date"), cleaned.get("consented_on")
        if effective and consented and consented > effective:
            self.add_error(
                "consented_on",
                forms.ValidationError(
                    _(
                        "The consent is dated after the effective date. The participation body "
                        "consents before the policy takes effect: correct one of the dates."
                    ),
                    code="consent_after_effective",
                ),
            )
        adopted = cleaned.get("adopted_on")
        if adopted and consented and consented > adopted:
            self.add_error(
                "consented_on",
                forms.ValidationError(
                    _(
                        "The consent is dated after the adoption. The management adopts the "
                        "policy once the participation body has consented."
                    ),
                    code="consent_after_adoption",
                ),
            )
        review = cleaned.get("next_review_date")
        if effective and review and review <= effective:
            self.add_error(
                "next_review_date",
                forms.ValidationError(
                    _("The next review date must come after the effective date."),
                    code="review_before_effective",
                ),
            )
        return cleaned
