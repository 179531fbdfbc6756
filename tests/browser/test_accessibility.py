"""axe-core finds no violations on any page, in Dutch and in English.

One test per interface language walks every page an editor, a reviewer and a consultant see:
login, dashboard, each wizard step with and without errors, the conflict page, the review page
with and without errors, the history, review queue and workspace pages, the members page and an
invitation link. Each page is checked as shown, and for reflow at 320 CSS pixels; all violations
are reported together.

Colour contrast, the slowest rule by far, runs in Dutch only: both languages share every colour
and style, only the words differ.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import Page, expect

from tests.browser.conftest import LABELS, log_in, log_out, preview_settles, start_policy
from wizard.masters.models import MasterPolicy, ProposedUpdate, UpdateSend
from wizard.members.services import invitation_create
from wizard.models import ConsultantQuestion, Membership, Organisation, Policy, StaffMember
from wizard.policies.blocks import BLOCKS
from wizard.policies.services import content_hash, policy_save_step
from wizard.review import workflow
from wizard.rollout.services import personal_key

pytestmark = pytest.mark.browser

AXE = Axe()
# The policy preview is the same template on every wizard step; it is checked in full on the
# first step and on the review page, and left out elsewhere to keep the run fast.
WITHOUT_PREVIEW = {"exclude": [[".policy-preview"]]}
AXE_OPTIONS = {
    # Text the colour of its background is only "incomplete" to axe (it might be meant to be
    # hidden); here it is a button or a word nobody can read, so it counts.
    "nl": {"resultTypes": ["violations", "incomplete"]},
    "en": {"resultTypes": ["violations"], "rules": {"color-contrast": {"enabled": False}}},
}

# The widest elements that stick out of a 320px viewport, if the page scrolls sideways.
OVERFLOWING = """() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) { return ""; }
    return [...document.querySelectorAll("body *")]
        .filter(el => el.getBoundingClientRect().right > width + 1)
        .slice(-3)
        .map(el => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""))
        .join(", ");
}"""


def _message_key(check: dict) -> str | None:
    data = check.get("data")
    return data.get("messageKey") if isinstance(data, dict) else None


class Checker:
    def __init__(self, page: Page, options: dict) -> None:
        self.page = page
        self.options = options
        self.found: list[str] = []
        self.checked: list[str] = []

    def __call__(self, name: str, context: dict | None = None) -> None:
        page = self.page
        page.wait_for_load_state()
        self.checked.append(name)
        results = AXE.run(page, context=context, options=self.options)
        for violation in results.response["violations"]:
            for node in violation["nodes"]:
                summary = " ".join(node.get("failureSummary", "").split())
                self.found.append(
                    f"{name} ({page.url}): {violation['id']} [{violation['impact']}] "
                    f"at {node['target']}: {summary}"
                )
        for unsure in results.response.get("incomplete", []):
            for node in unsure["nodes"] if unsure["id"] == "color-contrast" else []:
                if any(_message_key(check) == "equalRatio" for check in node["any"]):
                    self.found.append(
                        f"{name} ({page.url}): text in its background's colour at {node['target']}"
                    )
        # Reflow (WCAG 1.4.10): at 320 CSS pixels wide nothing scrolls sideways.
        size = page.viewport_size
        page.set_viewport_size({"width": 320, "height": size["height"]})
        overflow = page.evaluate(OVERFLOWING)
        page.set_viewport_size(size)
        if overflow:
            self.found.append(f"{name} ({page.url}): wider than 320px: {overflow}")

    def goto(self, name: str, url: str, context: dict | None = None, status: int = 200) -> None:
        response = self.page.goto(url)
        if response.status != status:
            self.found.append(f"{name} ({url}): HTTP {response.status}, expected {status}")
        self(name, context)


REVIEWER_LABELS = {
    "en": {"comment": "Comment", "request_changes": "Request changes"},
    "nl": {"comment": "Opmerking", "request_changes": "Om wijzigingen vragen"},
}


def resubmit_with_a_change(pk: int) -> None:
    """The author changes one block after the requested changes and submits again."""
    policy = Policy.objects.get(pk=pk)
    author = policy.created_by
    block = BLOCKS[1].key
    policy_save_step(
        policy_id=pk,
        user=author,
        step=block,
        data={**policy.content[block], "own_text": "Korter en duidelijker."},
        base_hash=content_hash(policy.content[block]),
    )
    workflow.policy_submit(policy=Policy.objects.get(pk=pk), user=author)


def empty_the_step(page: Page) -> None:
    """Untick and clear everything on the step, so that Next shows every error it can.
    (Set directly, without input events: no live preview request races the submit.)"""
    page.eval_on_selector(
        "#step-form",
        """form => {
            form.querySelectorAll("input[type=checkbox], input[type=radio]")
                .forEach(input => { input.checked = false; });
            form.querySelectorAll("textarea, input[type=text]")
                .forEach(input => { input.value = ""; });
        }""",
    )


# The members page and the invitation link (wizard/members).
INVITE = {"nl": "Uitnodigen", "en": "Invite"}
SEND_QUESTION = {"nl": "Vraag versturen", "en": "Send the question"}
SEND_ANSWER = {"nl": "Antwoord versturen", "en": "Send the answer"}
CREATE_ACCOUNT = {"nl": "Account maken en lid worden", "en": "Create account and join"}


def url_of(name: str, **kwargs) -> str | None:
    """The URL of a page another part of the team builds, if it exists yet."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_axe_violations_on_any_page(new_page, language, settings):
    text = LABELS[language]
    page = new_page(language)
    check = Checker(page, AXE_OPTIONS[language])

    check.goto("login", "/accounts/login/")
    page.get_by_role("main").get_by_role("button", name=text["log_in"]).click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    check("login with errors")
    check.goto("password reset", reverse("account_reset_password"))
    check.goto("password reset sent", reverse("account_reset_password_done"))
    check.goto("sign-up", reverse("account_signup"))

    log_in(page, language)
    check("dashboard (editor)")
    check.goto("password change", reverse("account_change_password"))
    check.goto("account", reverse("account_settings"))
    check.goto("e-mail address", reverse("account_email"))
    check.goto("two-step login", reverse("mfa_index"))
    check.goto("two-step login, authenticator app set-up", reverse("mfa_activate_totp"))
    check.goto("two-step login, security keys", reverse("mfa_list_webauthn"))
    check.goto("sessions", reverse("usersessions_list"))
    check.goto("delete account", reverse("account_delete"))
    check.goto("how members sign in", reverse("organisation_sign_in"))
    check.goto("not found", "/policies/999999/", status=404)
    members = url_of("member_list", pk=Organisation.objects.get(slug="voorbeeld-zorg").pk)
    if members:
        check.goto("members (editor)", members)
        page.get_by_role("button", name=INVITE[language], exact=True).click()
        expect(page.locator("[data-error-summary]")).to_be_focused()
        check("members, invite with errors")

    start_policy(page, language)
    pk = int(re.search(r"/policies/(\d+)/", page.url)[1])
    for number, block in enumerate(BLOCKS, start=1):
        context = None if number == 1 else WITHOUT_PREVIEW
        check.goto(f"step {number}", reverse("wizard_step", args=[pk, block.key]), context)
        empty_the_step(page)
        button = text["finish"] if number == len(BLOCKS) else text["next"]
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.locator("[data-error-summary]")).to_be_focused()
        check(f"step {number} with errors", context)

    # Ask your consultant from a step (the demo organisations have one), with and without errors.
    if ask := url_of("question_ask", pk=pk, step=BLOCKS[0].key):
        check.goto("ask your consultant", ask)
        page.get_by_role("main").get_by_role("button", name=SEND_QUESTION[language]).click()
        expect(page.locator("[data-error-summary]")).to_be_focused()
        check("ask your consultant with errors")

    # A colleague saved step 1 while this page was open: the conflict page.
    page.goto(reverse("wizard_step", args=[pk, BLOCKS[0].key]))
    policy = Policy.objects.get(pk=pk)
    changed = {**policy.content[BLOCKS[0].key], "own_text": "Een collega was eerder."}
    Policy.objects.filter(pk=pk).update(content={**policy.content, BLOCKS[0].key: changed})
    page.get_by_role("button", name=text["next"], exact=True).click()
    expect(page.locator("form[action$='/conflict/']")).to_be_visible()
    check("conflict", WITHOUT_PREVIEW)

    # On a phone, the compact bar with the meters, while typing.
    size = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(reverse("wizard_step", args=[pk, BLOCKS[0].key]))
    with preview_settles(page):
        page.get_by_label(text["own_words"]).fill("Wij zijn graag online.")
    expect(page.locator("[data-meter-bar]")).to_be_visible()
    check("step 1 (phone, meter bar)", WITHOUT_PREVIEW)
    page.set_viewport_size(size)

    check.goto("review", reverse("policy_review", args=[pk]))
    expect(page.get_by_role("main").locator("h1").first).to_contain_text(text["review"])
    details = page.locator("form").filter(has=page.locator("[name=version_label]"))
    details.locator("[name=version_label]").fill("")
    details.get_by_role("button").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    check("review with errors", WITHOUT_PREVIEW)

    for name in ("policy_history", "policy_compare"):
        if url := url_of(name, pk=pk):
            check.goto(name, url)
    page.goto(reverse("policy_review", args=[pk]))
    # Submitted for review, so that the reviewer's queue and review page have something to show.
    submit = page.get_by_role("button", name=text["submit_for_review"])
    if submit.count():
        submit.click()
        expect(submit).to_have_count(0)
    log_out(page, language)

    log_in(page, language, "reviewer")
    check("review queue (the start page of someone who only reviews)")
    check.goto("dashboard (reviewer, overview)", reverse("dashboard") + "?overview")
    for name, kwargs in (("review_queue", {}), ("policy_audit", {"pk": pk})):
        if url := url_of(name, **kwargs):
            check.goto(name, url)
    check.goto("review (reviewer)", reverse("policy_review", args=[pk]), WITHOUT_PREVIEW)
    if Policy.objects.get(pk=pk).status == Policy.Status.IN_REVIEW:
        # A comment sent with the decision, then a second round: one block changed since.
        page.goto(reverse("policy_review", args=[pk]))  # the members page may be open
        main = page.get_by_role("main")
        main.get_by_role("textbox", name=REVIEWER_LABELS[language]["comment"], exact=True).fill(
            "Maak dit korter."
        )
        main.get_by_role("button", name=REVIEWER_LABELS[language]["request_changes"]).click()
        expect(main.locator(".comment__text")).to_have_text("Maak dit korter.")
        check("review (reviewer, changes requested)", WITHOUT_PREVIEW)
        resubmit_with_a_change(pk)
        check.goto(
            "review (reviewer, second round)", reverse("policy_review", args=[pk]), WITHOUT_PREVIEW
        )
        expect(page.locator("#since-last-review ins").first).to_be_visible()
    if members:
        check.goto("members (reviewer)", members)

    log_out(page, language)

    log_in(page, language, "consultant")
    check.goto("new client organisation", reverse("organisation_new"))
    for name, kwargs in (
        ("workspace", {}),
        ("template_list", {}),
        ("portfolio", {}),
        ("policy_copy", {"pk": pk}),
        ("organisation_list", {}),
    ):
        if url := url_of(name, **kwargs):
            check.goto(name, url)
    # The demo's open question from HR, as the consultant answers it, with and without errors.
    if question := ConsultantQuestion.objects.filter(answered_at__isnull=True).first():
        check.goto("answer a question", reverse("question_answer", args=[question.pk]))
        page.get_by_role("main").get_by_role("button", name=SEND_ANSWER[language]).click()
        expect(page.locator("[data-error-summary]")).to_be_focused()
        check("answer a question with errors")
    # Master policies: the demo's master "Zorg standaard", its client's derived draft with its
    # locked parts and the update waiting for it.
    master = MasterPolicy.objects.filter(owner__username="consultant").first()
    update = ProposedUpdate.objects.filter(status=ProposedUpdate.Status.OPEN).first()
    if master and update:
        for name, url in (
            ("master policies", reverse("master_list")),
            ("master policy", reverse("master_detail", args=[master.pk])),
            ("new client from a master", reverse("master_new_client", args=[master.pk])),
            ("a policy's master", reverse("policy_master", args=[update.policy_id])),
            ("proposed update", reverse("proposed_update", args=[update.pk])),
            ("step with locked parts", reverse("wizard_step", args=[update.policy_id, "audience"])),
            ("impact before sending", reverse("master_send", args=[master.pk])),
        ):
            check.goto(name, url, WITHOUT_PREVIEW)
        if sending := UpdateSend.objects.filter(master=master).first():
            check.goto("sending's progress", sending.get_absolute_url(), WITHOUT_PREVIEW)

    # The staff page of a published policy (its state set directly: the workflow is not the
    # subject here).
    if hasattr(Policy, "share_token") and (url := url_of("published_policy", token="a11y-token")):
        Policy.objects.filter(pk=pk).update(status="published", share_token="a11y-token")
        check.goto("published policy", url)
        confirm = {"nl": "Ik heb dit beleid gelezen", "en": "I have read this policy"}[language]
        page.get_by_role("button", name=confirm).click()
        expect(page.locator("[data-error-summary]")).to_be_visible()
        check("published policy, confirm with errors")
        page.locator("#id_name").fill("Sanne Jansen")
        page.locator("#id_email").fill("sanne@voorbeeldzorg.example")
        page.get_by_role("button", name=confirm).click()
        expect(page.locator(".staff-confirm [role=status]")).to_be_visible()
        check("published policy, confirmed")
        if url_of("personal_policy", token="a11y-token", key="k"):
            member = StaffMember.objects.create(
                organisation=Policy.objects.get(pk=pk).organisation,
                name="Mohamed Bakker-van den Heuvel",
                email="mohamed.bakker-vandenheuvel@voorbeeldzorg.example",
            )
            check.goto(
                "personal link",
                url_of("personal_policy", token="a11y-token", key=personal_key(member)),
            )
        if register := url_of("acknowledgement_register", pk=pk):
            check.goto("acknowledgements (consultant)", register)
        # The staff link's and archiving's own pages: they ask before they act.
        check.goto("review (published, consultant)", reverse("policy_review", args=[pk]))
        for name in ("policy_archive", "policy_share", "policy_share_revoke"):
            check.goto(f"{name} (asks first)", reverse(name, args=[pk]))

    if members:
        log_out(page, language)
        organisation = Organisation.objects.get(slug="voorbeeld-zorg")
        invitation = invitation_create(
            organisation=organisation,
            invited_by=organisation.memberships.get(role=Membership.Role.EDITOR).user,
            email=f"a11y-{language}@voorbeeldzorg.example",
            role=Membership.Role.REVIEWER,
        )
        check.goto("invitation", url_of("invitation_accept", token=invitation.token))
        page.get_by_role("button", name=CREATE_ACCOUNT[language]).click()
        expect(page.locator("[data-error-summary]")).to_be_focused()
        check("invitation with errors")
        check.goto("invitation link that does not work", "/invitations/x/", status=404)
        # An invited address at a domain the organisation signs in with a provider.
        settings.SOCIALACCOUNT_PROVIDERS = {
            "openid_connect": {
                "APPS": [
                    {
                        "provider_id": "entra",
                        "name": "Microsoft",
                        "client_id": "policy-builder",
                        "secret": "not-a-secret",
                        "settings": {"server_url": "https://login.example"},
                    }
                ]
            }
        }
        Organisation.objects.filter(pk=organisation.pk).update(
            sign_in_provider="entra", sign_in_domains="voorbeeldzorg.example"
        )
        check.goto(
            "invitation (single sign-on)", url_of("invitation_accept", token=invitation.token)
        )
        expect(page.get_by_role("button", name="Microsoft")).to_be_visible()

    assert not check.found, (
        f"axe-core found {len(check.found)} violations on {len(check.checked)} pages:\n"
        + "\n".join(check.found)
    )
