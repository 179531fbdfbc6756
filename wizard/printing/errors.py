"""Why a policy cannot be printed: the message is for the user, in the interface language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext

if TYPE_CHECKING:
    from wizard.policies.document import PolicyDocument


class ExportError(Exception):
    """An export that cannot be made; `message` is for the user, in the interface language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class PolicyTooLong(ExportError):
    """Does not fit on one A4 page even at the smallest allowed type size."""

    def __init__(self, message: str, longest: tuple[str, ...]):
        super().__init__(message)
        self.longest = longest


class PolicyTooLarge(ExportError):
    """Beyond the hard bounds on input; refused before any layout."""


def too_long(doc: PolicyDocument, longest: tuple[str, ...], percent: int) -> PolicyTooLong:
    to_shorten = longest[:3]
    message = gettext(
        "The policy does not fit on one A4 page, even at the smallest type size: it fills "
        "%(percent)s%% of a page at the normal size. Shorten these blocks: %(blocks)s."
    ) % {"percent": percent, "blocks": doc.block_titles(to_shorten)}
    return PolicyTooLong(message, to_shorten)


def too_large(doc: PolicyDocument, chars: int, lines: int) -> PolicyTooLarge:
    by_length = tuple(s.key for s in sorted(doc.sections, key=lambda s: s.char_count, reverse=True))
    return PolicyTooLarge(
        gettext(
            "This policy is far too long for one A4 page (%(chars)s characters in "
            "%(lines)s lines), so it was not laid out. Shorten these blocks: %(blocks)s."
        )
        % {"chars": chars, "lines": lines, "blocks": doc.block_titles(by_length[:3])}
    )


def too_slow() -> ExportError:
    return ExportError(
        gettext("Laying out the policy took too long. Shorten the text and try again.")
    )
