"""The six building blocks of a social media policy, defined once.

Every wizard step, form, preview and export reads its texts from here, so a policy looks the
same wherever it is shown. All text exists in Dutch (taalniveau B1, "je") and English.
Clause texts and option labels may use the placeholders in PLACEHOLDERS; field sentences only
use "{value}". The organisation's intake answers decide which clauses, options and paragraphs
of guidance are offered (`sectors`, `ForSectors`), which wording of a clause is printed
(`variants`, by the facts in FACTS) and the words placeholders such as {clients} stand for
(VOCABULARY).

Legal frame as checked on LEGAL_CHECK_DATE: a starting point, not legal advice. Each check
that changes a clause is a release of the library; the wordings before it are kept in
wizard/policies/releases.py.
Pure standard library, so it imports without Django settings.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

LANGUAGES = ("nl", "en")
Text = dict  # {"nl": "...", "en": "..."}, both keys always present

# The day the texts were last checked against Dutch law.
LEGAL_CHECK_DATE = datetime.date(2026, 12, 6)

PLACEHOLDERS = (
    "organisation",
    "contact_person",
    "contact_email",
    "clients",
    "privacy_contact",
    "press_contact",
)

SECTORS = ("care", "education", "government", "business", "non_profit", "other")

# Facts about an organisation that choose a clause's wording (see wizard/policies/document.py).
FACTS = ("code_of_conduct", "privacy_contact", "press_contact", "staff_50_plus")


def _t(nl: str, en: str) -> Text:
    """Build a Text; positional order keeps the Dutch and English side by side in the source."""
    return {"nl": nl, "en": en}


# The people an organisation serves, in its own sector's words: the {clients} placeholder.
VOCABULARY: dict[str, Text] = {
    "care": _t("cliënten en patiënten", "clients and patients"),
    "education": _t("leerlingen en ouders", "pupils and parents"),
    "government": _t("inwoners", "residents"),
    "business": _t("klanten", "customers"),
    "non_profit": _t("leden", "members"),
    "other": _t("klanten", "customers"),
}


@dataclass(frozen=True)
class Option:
    """One choice of a multi or single field."""

    key: str  # slug, e.g. "linkedin"
    label: Text  # shown in the form AND used in the policy text; may use placeholders
    text: Text | None = None  # only for kind="single": the full policy sentence for this choice
    sectors: frozenset[str] = frozenset()  # offered only in these sectors; empty: in all


@dataclass(frozen=True)
class Clause:
    """A ready-made policy sentence the user can switch on or off."""

    key: str  # slug unique within the block, e.g. "stays-findable"
    text: Text  # one sentence or two; may use the placeholders in PLACEHOLDERS
    default: bool = False  # pre-selected in a new policy (of a sector it is offered in)
    sectors: frozenset[str] = frozenset()  # offered only in these sectors; empty: in all
    # (fact, text): the first whose fact holds for the organisation replaces `text`.
    variants: tuple[tuple[str, Text], ...] = ()
    always: bool = False  # printed whatever is chosen; never offered as a choice
    closing: bool = False  # when chosen, printed after the block's own words (the last block's
    # closing clause ends the whole policy)


@dataclass(frozen=True)
class BlockField:
    """A block-specific input whose value becomes one policy sentence."""

    key: str  # slug, unique within the block, never "clauses" or "own_text"
    kind: str  # "multi", "single", "line" or "lines"
    label: Text
    help: Text
    # Policy sentence with "{value}"; unused (both "") for kind="single", where Option.text is it.
    sentence: Text
    options: tuple[Option, ...] = ()
    default: object = None  # multi: list of option keys; single: option key; line: str; lines: list
    required: bool = False
    max_length: int = 200  # max characters of the stored value (for lines: the whole textarea)
    # (sector, default): replaces `default` for an organisation of that sector.
    sector_defaults: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class ForSectors:
    """A paragraph of guidance that concerns only some sectors: a school's pupils, a civil
    servant's oath, a carer's professional secrecy."""

    sectors: frozenset[str]
    text: Text


@dataclass(frozen=True)
class Block:
    """One wizard step and one section of the printed policy."""

    key: str
    title: Text  # step title AND section heading in the printed policy
    intro: Text  # one short line under the step title
    # Advice for the person writing the policy, never printed; a ForSectors paragraph only
    # for organisations of its sectors (`guidance_for`).
    guidance: tuple[Text | ForSectors, ...]
    clauses: tuple[Clause, ...]
    fields: tuple[BlockField, ...]
    own_text_help: Text  # help for the free "own words" textarea
    max_chars: int = 600  # maximum characters of the block's own free text


def offered_in(item: Clause | Option, sector: str) -> bool:
    """Whether a clause or option is offered to an organisation of `sector`."""
    return not item.sectors or sector in item.sectors


def clause_text(clause: Clause, facts: frozenset[str]) -> Text:
    """The wording of `clause` for an organisation with these facts."""
    for fact, text in clause.variants:
        if fact in facts:
            return text
    return clause.text


def guidance_for(block: Block, sector: str | None = None) -> tuple[Text, ...]:
    """The guidance an organisation of `sector` reads on the block's step; without a sector,
    every paragraph, whichever sector it is for."""
    return tuple(
        paragraph.text if isinstance(paragraph, ForSectors) else paragraph
        for paragraph in block.guidance
        if sector is None or not isinstance(paragraph, ForSectors) or sector in paragraph.sectors
    )


def offered_clauses(block: Block, sector: str) -> tuple[Clause, ...]:
    """The clauses a user of `sector` may switch on or off (always-printed ones are not)."""
    return tuple(c for c in block.clauses if not c.always and offered_in(c, sector))


def always_clauses(block: Block) -> tuple[Clause, ...]:
    return tuple(c for c in block.clauses if c.always)


# The empty Text for the unused sentence of kind="single" fields.
_NO_SENTENCE: Text = _t("", "")

_CARE = frozenset({"care"})
_EDUCATION = frozenset({"education"})
_GOVERNMENT = frozenset({"government"})
_TRADE = frozenset({"business", "other"})

SOCIAL_MEDIA = Block(
    key="social_media",
    title=_t("Wat social media zijn", "What social media are"),
    intro=_t(
        "Kies de platforms en laat zien wat social media kunnen, en wat er mis kan gaan.",
        "Choose the platforms and show what social media can do, and what can go wrong.",
    ),
    guidance=(
        _t(
            "Social media zijn websites en apps waar mensen zelf berichten, foto's en video's "
            "delen. Denk aan LinkedIn en Instagram, maar ook aan WhatsApp-groepen, forums en "
            "reviewsites. Ze zijn met elkaar verbonden: een bericht op het ene platform staat zo "
            "op het andere.",
            "Social media are websites and apps where people share their own posts, photos and "
            "videos. Think of LinkedIn and Instagram, but also WhatsApp groups, forums and review "
            "sites. They are linked: a post on one platform soon turns up on another.",
        ),
        _t(
            "Noem eerst wat social media opleveren. Je organisatie wordt beter zichtbaar, je "
            "vindt nieuwe collega's en medewerkers delen kennis. Een beleid dat alleen verbiedt, "
            "werkt meestal averechts.",
            "Start with what social media bring. Your organisation becomes more visible, you find "
            "new colleagues and staff share knowledge. A policy that only forbids things usually "
            "backfires.",
        ),
        _t(
            "Leg daarna uit wat er mis kan gaan. Een bericht blijft jaren vindbaar, ook na "
            "verwijderen: vaak heeft iemand al een screenshot. Dat kan de organisatie schaden, "
            "maar ook de medewerker zelf. Wie de gevolgen ziet, gaat er bewuster mee om.",
            "Then explain what can go wrong. A post stays findable for years, even after it is "
            "deleted: someone often has a screenshot already. That can harm the organisation, and "
            "the employee too. People who see the consequences act more carefully.",
        ),
        _t(
            "Spreek af wie een officieel account van de organisatie mag openen. Geef elk account "
            "minstens twee beheerders. Dan raak je het account niet kwijt als iemand vertrekt.",
            "Agree who may open an official account for the organisation. Give each account at "
            "least two administrators. Then you do not lose the account when someone leaves.",
        ),
        _t(
            "De inleiding zegt voor wie het beleid geldt: medewerkers, maar ook stagiairs, "
            "uitzendkrachten en vrijwilligers. Privéaccounts vallen eronder als een bericht het "
            "werk raakt. Het beleid is een instructie van de werkgever (artikel 7:660 BW).",
            "The introduction says who the policy covers: staff, but also interns, temps and "
            "volunteers. Private accounts fall under it when a post touches on work. The policy "
            "is an instruction from the employer (Dutch Civil Code 7:660).",
        ),
    ),
    clauses=(
        Clause(
            "opportunity",
            _t(
                "Social media zijn handig. Je laat zien wat we doen en je deelt kennis.",
                "Social media are useful: you can show what we do and share what you know.",
            ),
            default=True,
        ),
        Clause(
            "stays-findable",
            _t(
                "Wat je plaatst, blijft jaren vindbaar, ook na verwijderen. Iemand kan al een "
                "screenshot hebben.",
                "What you post stays findable for years. Even if you delete it, someone may "
                "already have a screenshot.",
            ),
            default=True,
        ),
        Clause(
            "harms-you-too",
            _t(
                "Een onhandig bericht kan ons schaden, en jou ook. Soms nog jaren later.",
                "A careless post can harm us, and you too. Sometimes years later.",
            ),
        ),
        Clause(
            "connected",
            _t(
                "Platforms zijn met elkaar verbonden. Een bericht in een besloten groep staat zo "
                "op een openbaar platform.",
                "Platforms are linked. A post in a closed group can soon turn up on a public "
                "platform.",
            ),
        ),
        Clause(
            "work-and-private",
            _t(
                "Online lopen werk en privé door elkaar. Ook op je eigen account zien mensen je "
                "als medewerker van {organisation}.",
                "Online, work and private life mix. Even on your own account, people see you as "
                "someone who works at {organisation}.",
            ),
        ),
        Clause(
            "recruitment",
            _t(
                "Via jouw netwerk vinden we nieuwe collega's. Deel onze vacatures dus gerust.",
                "Your network helps us find new colleagues. So feel free to share our vacancies.",
            ),
        ),
        Clause(
            "phishing",
            _t(
                "Oplichters gebruiken profielen om gegevens los te krijgen. Weet je niet zeker "
                "wie je een bericht stuurt? Geef dan niets door en meld het bij {contact_person}.",
                "Scammers use profiles to trick people into giving away information. Not sure who "
                "is messaging you? Share nothing and tell {contact_person}.",
            ),
        ),
        Clause(
            "official-accounts",
            _t(
                "Alleen {press_contact} opent accounts namens {organisation}. Elk account heeft "
                "minstens twee beheerders. Ga je weg? Dan draag je het beheer over.",
                "Only {press_contact} opens accounts in the name of {organisation}. Each account "
                "has at least two administrators. Leaving us? Then hand over your access.",
            ),
        ),
    ),
    fields=(
        BlockField(
            key="platforms",
            kind="multi",
            label=_t("Platforms", "Platforms"),
            help=_t(
                "Kies de platforms die je collega's het meest gebruiken. Het beleid geldt ook "
                "voor alle andere.",
                "Choose the platforms your colleagues use most. The policy covers all others too.",
            ),
            sentence=_t(
                "Dit beleid geldt voor {value} en alle andere social media.",
                "This policy covers {value} and all other social media.",
            ),
            options=(
                Option("linkedin", _t("LinkedIn", "LinkedIn")),
                Option("x", _t("X", "X")),
                Option("facebook", _t("Facebook", "Facebook")),
                Option("instagram", _t("Instagram", "Instagram")),
                Option("tiktok", _t("TikTok", "TikTok")),
                Option("youtube", _t("YouTube", "YouTube")),
                Option(
                    "chat-groups",
                    _t("chatgroepen zoals WhatsApp", "chat groups such as WhatsApp"),
                ),
                Option("threads", _t("Threads", "Threads")),
                Option("bluesky", _t("Bluesky", "Bluesky")),
                Option("mastodon", _t("Mastodon", "Mastodon")),
                Option("forums", _t("forums", "forums")),
                Option("review-sites", _t("reviewsites", "review sites")),
            ),
            default=["linkedin", "x", "facebook", "instagram", "tiktok", "chat-groups"],
            required=True,
        ),
    ),
    own_text_help=_t(
        "Wil je iets toevoegen in je eigen woorden? Bijvoorbeeld welke accounts je organisatie "
        "zelf heeft. Houd het kort.",
        "Want to add something in your own words? For example which accounts your organisation "
        "runs. Keep it short.",
    ),
    max_chars=500,
)


CONDUCT = Block(
    key="conduct",
    title=_t("Kernwaarden en gedrag", "Core values and conduct"),
    intro=_t(
        "Online gedraag je je zoals op het werk. Noem hier je eigen kernwaarden.",
        "Online, you behave as you do at work. Name your own core values here.",
    ),
    guidance=(
        _t(
            "De basis is eenvoudig: online gedraag je je zoals op het werk. Heeft je organisatie "
            "een gedragscode of een regeling tegen ongewenst gedrag? Die gelden ook online. Je "
            "hoeft ze hier niet te herhalen. Het beleid noemt de gedragscode alleen als je er een "
            "hebt.",
            "The basis is simple: online you behave as you do at work. Does your organisation "
            "have a code of conduct or a harassment policy? They apply online too. You do not "
            "need to repeat them here. The policy names the code of conduct only if you have one.",
        ),
        _t(
            "Noem de kernwaarden van je organisatie, als die er zijn. Een paar woorden is genoeg, "
            "bijvoorbeeld respect of betrouwbaarheid. Zeg ook bij wie medewerkers terechtkunnen "
            "als een collega over de grens gaat.",
            "Name your organisation's core values, if it has them. A few words are enough, for "
            "example respect or reliability. Also say who staff can turn to when a colleague "
            "crosses the line.",
        ),
        _t(
            "Let op privacy. Foto's, namen en verhalen van mensen zijn persoonsgegevens. Wie ze "
            "deelt, heeft volgens de AVG een grondslag nodig. In de praktijk is dat toestemming. "
            "Let op: een medewerker voelt zich niet altijd vrij om nee te zeggen tegen de baas.",
            "Mind privacy. Photos, names and stories of people are personal data. Under the GDPR, "
            "sharing them needs a lawful basis, in practice consent. Keep in mind that staff do "
            "not always feel free to say no to their employer.",
        ),
        _t(
            "Wordt een medewerker online aangevallen om het werk? Dan helpt de werkgever: dat "
            "hoort bij zorg voor veilig werk (Arbowet artikel 3). Iemands gegevens online zetten "
            "om te intimideren (doxing) is sinds 2024 strafbaar (artikel 285d Sr).",
            "Is an employee attacked online because of their work? Then the employer helps: "
            "that is part of a safe workplace (Working Conditions Act, article 3). Posting "
            "someone's details to intimidate them (doxing) is a crime since 2024 (Criminal Code "
            "285d).",
        ),
        ForSectors(
            _EDUCATION,
            _t(
                "Op school komen beelden van leerlingen alleen op de kanalen van school. Check "
                "eerst de toestemming die de school vastlegde. Onder de 16 geven de ouders die "
                "(UAVG artikel 5).",
                "At school, images of pupils go only on the school's own channels. First check the "
                "consent the school has on record. Under 16, parents give it (UAVG article 5).",
            ),
        ),
        ForSectors(
            _GOVERNMENT,
            _t(
                "Een ambtenaar legt de eed of belofte af. Daarbij horen geheimhouding en "
                "terughoudendheid met een mening die het werk schaadt (Ambtenarenwet 2017, artikel "
                "9 en 10). Regels over reviews en concurrenten horen niet bij de overheid.",
                "A civil servant takes an oath or affirmation. They must keep confidential matters "
                "secret and show restraint when their views would harm their work (Civil Servants "
                "Act 2017, articles 9 and 10). Rules on reviews and competitors do not fit "
                "government.",
            ),
        ),
    ),
    clauses=(
        Clause(
            "same-as-work",
            _t(
                "Online gedraag je je zoals op het werk. Onze regels op het werk gelden ook op "
                "social media.",
                "Online, you behave as you do at work. Our workplace rules apply on social media "
                "too.",
            ),
            default=True,
            variants=(
                (
                    "code_of_conduct",
                    _t(
                        "Online gedraag je je zoals op het werk. Onze gedragscode geldt ook op "
                        "social media.",
                        "Online, you behave as you do at work. Our code of conduct applies on "
                        "social media too.",
                    ),
                ),
            ),
        ),
        Clause(
            "no-hate",
            _t(
                "Plaats niets wat discrimineert, seksistisch is, beledigt of bedreigt. Ook niet "
                "als grap.",
                "Post nothing that discriminates, is sexist, insults or threatens. Not even as a "
                "joke.",
            ),
            default=True,
        ),
        Clause(
            "no-harassment",
            _t(
                "Je valt niemand lastig: geen collega's, geen {clients} en ook niemand anders.",
                "You harass no one: not colleagues, not {clients}, not anyone else.",
            ),
        ),
        Clause(
            "privacy",
            _t(
                "Deel foto's, namen of verhalen van collega's of {clients} alleen met hun "
                "toestemming.",
                "Share photos, names or stories of colleagues or {clients} only with their "
                "consent.",
            ),
            default=True,
            sectors=frozenset(SECTORS) - _CARE - _EDUCATION,
        ),
        Clause(
            "privacy-colleagues",
            _t(
                "Deel foto's, namen of verhalen van collega's alleen met hun toestemming.",
                "Share photos, names or stories of colleagues only with their consent.",
            ),
            default=True,
            sectors=_CARE | _EDUCATION,
        ),
        Clause(
            "pupils-consent",
            _t(
                "Plaats beelden van leerlingen alleen op de kanalen van school, nooit op je "
                "privéaccount. Check eerst de toestemming die de school vastlegde. Onder de 16 "
                "geven de ouders die.",
                "Post images of pupils only on the school's own channels, never on a personal "
                "account. First check the school's record of consent. For pupils under 16, "
                "parents give it.",
            ),
            default=True,
            sectors=_EDUCATION,
        ),
        Clause(
            "integrity",
            _t(
                "Je eed of belofte als ambtenaar geldt ook online. Houd dus geheim wat "
                "vertrouwelijk is.",
                "Your oath or affirmation as a civil servant applies online too. So keep "
                "confidential matters secret.",
            ),
            default=True,
            sectors=_GOVERNMENT,
        ),
        Clause(
            "copyright",
            _t(
                "Gebruik alleen foto's, video's en muziek die je zelf maakte of mag gebruiken. "
                "Staat iemand herkenbaar in beeld? Vraag dan eerst of dat mag.",
                "Use only photos, videos and music that you made or may use. Is someone easy to "
                "recognise in a picture? Ask them first.",
            ),
        ),
        Clause(
            "stay-calm",
            _t(
                "Ben je het ergens niet mee eens? Reageer dan rustig en met respect, of reageer "
                "niet.",
                "Disagree with something? Respond calmly and with respect, or do not respond.",
            ),
        ),
        Clause(
            "speak-up",
            _t(
                "Gaat een collega online over de grens? Spreek die collega er gerust op aan. Zo "
                "letten we op elkaar.",
                "Does a colleague cross the line online? Feel free to tell them. That is how we "
                "look out for each other.",
            ),
        ),
        Clause(
            "harassed-yourself",
            _t(
                "Word je online lastiggevallen of bedreigd om je werk? Meld het bij "
                "{contact_person}. Wij helpen je.",
                "Harassed or threatened online because of your work? Tell {contact_person}. We "
                "will help you.",
            ),
            default=True,
        ),
    ),
    fields=(
        BlockField(
            key="core_values",
            kind="lines",
            label=_t("Kernwaarden", "Core values"),
            help=_t(
                "Eén kernwaarde per regel, bijvoorbeeld Respect. Laat leeg als je organisatie "
                "geen kernwaarden heeft.",
                "One core value per line, for example Respect. Leave empty if your organisation "
                "has none.",
            ),
            sentence=_t(
                "Onze kernwaarden zijn {value}. Die gelden online net zo goed als op het werk.",
                "Our core values are {value}. They apply online just as they do at work.",
            ),
            default=[],
            max_length=200,
        ),
        BlockField(
            key="report_to",
            kind="line",
            label=_t("Melden bij", "Report to"),
            help=_t(
                "Bij wie meldt een medewerker het als een collega online over de grens gaat? "
                "Bijvoorbeeld: je leidinggevende of de vertrouwenspersoon.",
                "Who do staff tell when a colleague crosses the line online? For example: your "
                "manager or the confidential adviser.",
            ),
            sentence=_t(
                "Zie je dat een collega over de grens gaat? Meld het bij {value}.",
                "See a colleague cross the line? Report it to {value}.",
            ),
            default="",
            max_length=100,
        ),
    ),
    own_text_help=_t(
        "Wil je iets toevoegen? Verwijs bijvoorbeeld naar je gedragscode en zeg waar medewerkers "
        "die vinden.",
        "Want to add something? For example, refer to your code of conduct and say where staff "
        "can find it.",
    ),
    max_chars=600,
)


AUTHENTIC = Block(
    key="authentic",
    title=_t("Authentiek en transparant", "Authentic and transparent"),
    intro=_t(
        "Wees jezelf en zeg wie je bent. Dan weet iedereen waar hij aan toe is.",
        "Be yourself and say who you are, so nobody has to guess your intentions.",
    ),
    guidance=(
        _t(
            "Moedig medewerkers aan om zichzelf te zijn. Echte mensen met een eigen naam en stem "
            "wekken meer vertrouwen dan een bedrijfsaccount. Vooral in zakelijk contact moet "
            "duidelijk zijn wie er schrijft en waarom.",
            "Encourage staff to be themselves. Real people with their own name and voice earn "
            "more trust than a company account. Above all in business contacts, it must be clear "
            "who is writing and why.",
        ),
        _t(
            "Medewerkers mogen een eigen mening hebben en die geven (artikel 7 Grondwet, artikel "
            "10 EVRM). Het beleid gaat over geen schade doen aan de organisatie, collega's en "
            "klanten. Het gaat niet over mensen de mond snoeren.",
            "Staff may hold opinions and voice them (Dutch Constitution article 7, ECHR article "
            "10). The policy is about not harming the organisation, colleagues and clients. It "
            "is not about silencing people.",
        ),
        _t(
            "Maakt een medewerker reclame voor producten of diensten van de werkgever? Dan moet "
            "erbij staan dat het een medewerker is (artikel 6:193g BW, Reclamecode Social "
            "Media). Over het vak "
            "schrijven zonder reclame hoeft dat niet. Een verzwegen review van een bedrijf over "
            "zichzelf of een concurrent is misleidend (EU-richtlijn 2019/2161).",
            "Does an employee promote the employer's products or services? Then they must say "
            "that they work there (Dutch Civil Code 6:193g, Advertising Code for Social Media). "
            "Writing about one's profession without promoting anything does not need this. An "
            "undisclosed review by a business of itself or a competitor is misleading (EU "
            "Directive 2019/2161).",
        ),
        _t(
            "Spreek af wie namens de organisatie praat, en gebruik logo en huisstijl alleen op "
            "officiële accounts. Dan weet iedereen wat officieel is en waar vragen van de pers "
            "heen moeten.",
            "Agree who speaks on behalf of the organisation, and use the logo and house style "
            "only on official accounts. Then everyone knows what is official and where press "
            "questions go.",
        ),
        _t(
            "Maakt iemand met AI beelden of teksten die echt lijken? Vraag dan om dat te zeggen. "
            "De AI-verordening eist dat sinds 2 augustus 2026 alleen bij deepfakes en bij "
            "AI-tekst over zaken van algemeen belang (artikel 50 lid 4). Zeggen is altijd eerlijk.",
            "Does someone make images or texts with AI that look real? Then ask them to say so. "
            "Since 2 August 2026 the EU AI Act requires this only for deepfakes and for AI text "
            "on matters of public interest (Article 50(4)). Being open about it is always fair.",
        ),
        ForSectors(
            _GOVERNMENT,
            _t(
                "Bij de overheid kan politieke terughoudendheid gelden, vooral voor wie dicht bij "
                "bestuur of beleid werkt. Een ambtenaar mag een mening hebben, maar die mag het "
                "werk van de overheid niet schaden (Ambtenarenwet 2017, artikel 10).",
                "In government, political restraint may apply, above all to those who work close "
                "to elected officials or policy. A civil servant may hold opinions, but they must "
                "not harm the work of government (Civil Servants Act 2017, article 10).",
            ),
        ),
    ),
    clauses=(
        Clause(
            "own-name",
            _t(
                "Wees jezelf en gebruik je eigen naam. Doe je niet voor als iemand anders.",
                "Be yourself and use your own name. Do not pretend to be someone else.",
            ),
        ),
        Clause(
            "say-where-you-work",
            _t(
                "Prijs je producten of diensten van {organisation} aan? Zeg dan dat je hier werkt.",
                "Promoting products or services of {organisation}? Then say that you work here.",
            ),
            default=True,
            sectors=frozenset(SECTORS) - _GOVERNMENT - _TRADE,
        ),
        Clause(
            "own-opinion",
            _t(
                "Je mag online je eigen mening geven. Dit beleid wil schade voorkomen, niet "
                "meningen verbieden.",
                "You are free to give your own views online. This policy is about avoiding harm, "
                "not about silencing anyone.",
            ),
            default=True,
        ),
        Clause(
            "own-views",
            _t(
                "Geef je online je mening over je vak? Zet dan op je profiel: ‘Dit zijn mijn "
                "eigen meningen.’",
                "Sharing your views about your field online? Then add to your profile: ‘These "
                "views are my own.’",
            ),
        ),
        Clause(
            "spokespeople",
            _t(
                "Alleen aangewezen mensen spreken namens {organisation}. Vragen van de pers gaan "
                "naar {press_contact}.",
                "Only appointed people speak for {organisation}. Press questions go to "
                "{press_contact}.",
            ),
            default=True,
        ),
        Clause(
            "no-fake-reviews",
            _t(
                "Prijs je ons of onze producten aan, bijvoorbeeld in een review? Zeg dan dat je "
                "hier werkt. Schrijf nooit nepreviews, over ons of over een concurrent.",
                "Promoting us or what we offer, for example in a review? Then say that you work "
                "here. Never write fake reviews, about us or about a competitor.",
            ),
            default=True,
            sectors=_TRADE,
        ),
        Clause(
            "house-style",
            _t(
                "Gebruik ons logo en onze huisstijl alleen op officiële accounts van "
                "{organisation}.",
                "Use our logo and house style only on official {organisation} accounts.",
            ),
        ),
        Clause(
            "ai-content",
            _t(
                "Maak je met AI een beeld, video of tekst die echt lijkt? Zeg er dan bij dat AI "
                "het maakte.",
                "Made an image, video or text with AI that looks real? Then say that AI made it.",
            ),
        ),
        Clause(
            "political-neutrality",
            _t(
                "Geef je je mening over politiek? Doe dat als privépersoon. Wees terughoudend als "
                "het je werk raakt.",
                "Share political views as a private person. Show restraint when they touch on "
                "your work.",
            ),
            default=True,
            sectors=_GOVERNMENT,
        ),
        Clause(
            "say-why",
            _t(
                "Reageer je zakelijk op iemand? Zeg dan wie je bent en waarom je reageert.",
                "Responding to someone for business? Say who you are and why you are responding.",
            ),
        ),
        Clause(
            "correct-openly",
            _t(
                "Maak je een fout? Verbeter die dan openlijk. Verwijder een bericht niet "
                "stilletjes als mensen er al op reageerden.",
                "Made a mistake? Correct it openly. Do not quietly delete a post that people have "
                "already responded to.",
            ),
        ),
        Clause(
            "something-in-return",
            _t(
                "Krijg je iets voor een bericht, zoals een cadeau of korting? Zeg dat dan "
                "duidelijk in dat bericht.",
                "Getting something for a post, such as a gift or a discount? Then say so clearly "
                "in that post.",
            ),
        ),
    ),
    fields=(
        BlockField(
            key="disclosure_line",
            kind="line",
            label=_t("Vaste zin voor je profiel", "Standard line for profiles"),
            help=_t(
                "Moet iedereen dezelfde zin gebruiken? Typ hem hier, in de taal van het beleid. "
                "Bijvoorbeeld: Dit zijn mijn eigen meningen.",
                "Should everyone use the same line? Type it here, in the language of the policy. "
                "For example: These views are my own.",
            ),
            sentence=_t(
                "Zeg je op je profiel dat je je eigen mening geeft? Gebruik dan deze zin: "
                "‘{value}’",
                "Saying on your profile that your views are your own? Use this line: ‘{value}’",
            ),
            default="",
            max_length=120,
        ),
        BlockField(
            key="spokespeople",
            kind="line",
            label=_t("Wie spreekt namens de organisatie?", "Who speaks for the organisation?"),
            help=_t(
                "Bijvoorbeeld: de directeur en de afdeling Communicatie.",
                "For example: the director and the communications team.",
            ),
            sentence=_t(
                "Namens ons spreken: {value}.",
                "Speaking on our behalf: {value}.",
            ),
            default="",
            max_length=150,
        ),
    ),
    own_text_help=_t(
        "Wil je iets toevoegen? Bijvoorbeeld hoe medewerkers de organisatie noemen in hun profiel.",
        "Want to add something? For example how staff name the organisation in their profile.",
    ),
    max_chars=500,
)


PRODUCTIVITY = Block(
    key="productivity",
    title=_t("Productiviteit", "Productivity"),
    intro=_t(
        "Spreek af hoe medewerkers social media onder werktijd gebruiken, en of je controleert.",
        "Agree how staff use social media during working hours, and whether you check.",
    ),
    guidance=(
        _t(
            "Veel mensen kijken op het werk even op social media. Dat bleek al uit een Amerikaans "
            "onderzoek van WorkPlaceMedia onder kantoorpersoneel (2009). Van de medewerkers met "
            "een profiel was 43% er op het werk actief. Van hen was 78% er minder dan een half uur "
            "per dag mee bezig.",
            "Many people check social media at work. A WorkPlaceMedia survey of US white-collar "
            "workers (2009) already showed this. Of the employees with a profile, 43% were active "
            "on it at work. Of those, 78% spent less than half an hour a day on it.",
        ),
        _t(
            "Deze cijfers zijn oud en Amerikaans. Toch laten ze iets zien wat nog steeds klopt: "
            "gebruik op het werk is gewoon, en meestal beperkt. Een verbod werkt vaak averechts "
            "en is lastig te controleren.",
            "These figures are old and American. Still, they show something that holds true: use "
            "at work is common, and mostly modest. A ban often backfires and is hard to enforce.",
        ),
        _t(
            "Meestal is een beroep op redelijkheid genoeg. In de zorg en op school werk je met "
            "mensen: daar is de standaard ‘in de pauze, nooit waar cliënten of leerlingen bij "
            "zijn’. Voor sommige functies horen social media bij het werk, zoals communicatie.",
            "Usually an appeal to fairness and common sense is enough. In care and at school, "
            "staff work with people: there the default is ‘in breaks, never in front of clients "
            "or pupils’. For some roles, such as communication, social media are part of the job.",
        ),
        _t(
            "Kies of je controleert. Controle moet nodig zijn, in verhouding staan en vooraf "
            "bekend zijn. Dat eist het Europees Hof voor de Rechten van de Mens (Bărbulescu, 5 "
            "september 2017). Houd privéaccounts niet stelselmatig in de gaten. Een gemeld "
            "openbaar bericht dat tegen het beleid ingaat, mag je wel bespreken.",
            "Choose whether you check. Any check must be necessary, in proportion and announced "
            "in advance. The European Court of Human Rights requires this (Bărbulescu, 5 "
            "September 2017). Do not watch staff's private accounts systematically. A public post "
            "that someone reports and that breaks the policy may still be discussed.",
        ),
        _t(
            "Controle vraagt instemming van de ondernemingsraad (WOR artikel 27 lid 1 onder l). "
            "Gaat het om personeelsgegevens, dan ook onder k. Op een school stemt de "
            "personeelsgeleding van de MR in (WMS artikel 12). Regelt de cao dit al? Dan vervalt "
            "dat recht (lid 3).",
            "Checks need the works council's consent (WOR article 27(1)(l)), and under k when "
            "they involve staff personal data. At a school, the staff section of the "
            "participation council consents (WMS article 12). None is needed where a collective "
            "agreement settles it (27(3)).",
        ),
    ),
    clauses=(
        Clause(
            "common-sense",
            _t(
                "We vertrouwen op je eigen oordeel. Gebruik social media op het werk met mate.",
                "We trust your judgement. Use social media at work in moderation.",
            ),
        ),
        Clause(
            "manager-talks-first",
            _t(
                "Gaat het gebruik ten koste van je werk? Dan bespreekt je leidinggevende dat eerst "
                "met jou.",
                "If use gets in the way of your work, your manager talks to you about it first.",
            ),
            default=True,
        ),
        Clause(
            "no-ban",
            _t(
                "{organisation} blokkeert social media niet op het werk. Een verbod helpt niemand.",
                "{organisation} does not block social media at work. A ban helps no one.",
            ),
        ),
        Clause(
            "work-use",
            _t(
                "Gebruik je social media om kennis te delen of contacten te leggen voor je werk? "
                "Dan is dat werk, geen pauze.",
                "Using social media to share knowledge or make contacts for your job? Then that is "
                "work, not a break.",
            ),
        ),
        Clause(
            "work-devices",
            _t(
                "Gebruik je een laptop of telefoon van het werk? Kort privégebruik mag. Installeer "
                "alleen apps die {organisation} toestaat.",
                "Using a laptop or phone from work? Brief private use is fine. Install only apps "
                "that {organisation} allows.",
            ),
        ),
        Clause(
            "notifications",
            _t(
                "Zet meldingen uit als je je moet concentreren, bijvoorbeeld in overleg of bij "
                "{clients}.",
                "Turn off notifications when you need to focus, for example in meetings or with "
                "{clients}.",
            ),
        ),
        Clause(
            "safety",
            _t(
                "Gebruik geen social media als dat gevaarlijk is, bijvoorbeeld tijdens het rijden "
                "of bij machines.",
                "Do not use social media when that is unsafe, for example while driving or working "
                "with machines.",
            ),
        ),
        Clause(
            "after-hours",
            _t(
                "Niemand verwacht dat je buiten werktijd reageert op werkberichten in apps of "
                "groepen.",
                "Nobody expects you to answer work messages in apps or groups outside working "
                "hours.",
            ),
        ),
    ),
    fields=(
        BlockField(
            key="working_hours",
            kind="single",
            label=_t("Gebruik onder werktijd", "Use during working hours"),
            help=_t(
                "Kies wat bij je organisatie past. Vrij gebruik binnen redelijke grenzen werkt "
                "meestal het best.",
                "Choose what fits your organisation. Free use within reason usually works best.",
            ),
            sentence=_NO_SENTENCE,
            options=(
                Option(
                    "free-within-reason",
                    _t("Vrij, binnen redelijke grenzen", "Free, within reason"),
                    _t(
                        "Je mag social media onder werktijd gebruiken, zolang je werk er niet "
                        "onder lijdt.",
                        "You may use social media during working hours, as long as your work does "
                        "not suffer.",
                    ),
                ),
                Option(
                    "mainly-in-breaks",
                    _t("Vooral in de pauzes", "Mainly in breaks"),
                    _t(
                        "Gebruik social media voor jezelf vooral in je pauzes. Even kort kijken "
                        "onder werktijd mag.",
                        "Use social media for yourself mainly in your breaks. A quick look during "
                        "working hours is fine.",
                    ),
                ),
                Option(
                    "breaks-not-in-front-of-clients",
                    _t(
                        "In de pauzes, nooit waar {clients} bij zijn",
                        "In breaks, never in front of {clients}",
                    ),
                    _t(
                        "Gebruik social media voor jezelf in je pauzes, nooit waar {clients} bij "
                        "zijn.",
                        "Use social media for yourself in your breaks, never in front of "
                        "{clients}.",
                    ),
                    sectors=_CARE | _EDUCATION,
                ),
                Option(
                    "only-in-breaks",
                    _t("Alleen in de pauzes", "Only in breaks"),
                    _t(
                        "Gebruik social media voor jezelf alleen in je pauzes. Onder werktijd "
                        "gebruik je ze alleen voor je werk.",
                        "Use social media for yourself only in your breaks. During working hours, "
                        "use them for work only.",
                    ),
                ),
            ),
            default="free-within-reason",
            sector_defaults=(
                ("care", "breaks-not-in-front-of-clients"),
                ("education", "breaks-not-in-front-of-clients"),
            ),
            required=True,
        ),
        BlockField(
            key="monitoring",
            kind="single",
            label=_t("Controle", "Monitoring"),
            help=_t(
                "Kies of je controleert. Controle vraagt eerst instemming van de ondernemingsraad "
                "of, op school, de personeelsgeleding van de MR.",
                "Choose whether you check. Checks first need the consent of the works council or, "
                "at a school, the staff section of the participation council.",
            ),
            sentence=_NO_SENTENCE,
            options=(
                Option(
                    "no-private-accounts",
                    _t(
                        "We volgen privéaccounts niet, maar bespreken een gemeld bericht",
                        "We do not watch private accounts, but discuss a reported post",
                    ),
                    _t(
                        "We volgen je privéaccounts niet. Wel bespreken we een gemeld openbaar "
                        "bericht dat tegen dit beleid ingaat.",
                        "We do not watch your private accounts, but we may discuss a reported "
                        "public post that breaks this policy.",
                    ),
                ),
                Option(
                    "announced-checks",
                    _t(
                        "We controleren alleen zakelijk gebruik, vooraf aangekondigd",
                        "We check only work use, announced in advance",
                    ),
                    _t(
                        "{organisation} controleert alleen zakelijke accounts en apparaten. Hoe we "
                        "dat doen, lees je vooraf in onze ICT-regeling.",
                        "{organisation} checks only work accounts and devices. Our IT rules tell "
                        "you in advance how we do this.",
                    ),
                ),
            ),
            default="no-private-accounts",
        ),
        BlockField(
            key="work_roles",
            kind="multi",
            label=_t(
                "Functies die social media voor hun werk gebruiken",
                "Roles that use social media as part of the job",
            ),
            help=_t(
                "Kies de functies waarvoor social media bij het werk horen. Laat leeg als dat "
                "voor niemand geldt.",
                "Choose the roles for which social media are part of the job. Leave empty if none.",
            ),
            sentence=_t(
                "Voor medewerkers in {value} horen social media bij het werk.",
                "For staff in {value}, social media are part of the job.",
            ),
            options=(
                Option("communication", _t("communicatie", "communication")),
                Option("marketing", _t("marketing", "marketing")),
                Option("recruitment", _t("werving", "recruitment")),
                Option("customer-service", _t("klantenservice", "customer service")),
            ),
            default=[],
        ),
    ),
    own_text_help=_t(
        "Wil je iets toevoegen? Bijvoorbeeld afspraken over social media op telefoons van de zaak.",
        "Want to add something? For example agreements about social media on work phones.",
    ),
    max_chars=500,
)


CONFIDENTIAL = Block(
    key="confidential",
    title=_t("Vertrouwelijke informatie", "Confidential information"),
    intro=_t(
        "Zeg welke informatie nooit online komt, en aan wie je iets kunt vragen.",
        "Say which information never goes online, and whom to ask.",
    ),
    guidance=(
        _t(
            "Een korte lijst geeft houvast. Noem dingen, geen vakgebieden: ‘hoe we gebouwen en "
            "systemen beveiligen’, niet ‘beveiliging’. Over hun eigen loon mogen medewerkers "
            "altijd praten (EU-richtlijn loontransparantie, artikel 7 lid 5). Noem ook één persoon "
            "die snel antwoord geeft.",
            "A short list gives staff something to hold on to. Name things, not fields: ‘how we "
            "secure buildings and systems’, not ‘security’. Staff may always talk about their own "
            "pay (EU Pay Transparency Directive, Article 7(5)). Also name one person who answers "
            "quickly.",
        ),
        _t(
            "Denk ook aan foto's van de werkplek. Op de achtergrond staat vaak meer dan je denkt: "
            "een scherm met klantgegevens, een whiteboard met plannen of een pasje met een naam.",
            "Also think of photos of the workplace. The background often shows more than you "
            "think: a screen with customer data, a whiteboard with plans or a badge with a name.",
        ),
        _t(
            "Lekt een bericht persoonsgegevens? Dan kan dat een datalek zijn. De organisatie meldt "
            "een datalek binnen 72 uur bij de Autoriteit Persoonsgegevens. Dat hoeft alleen niet "
            "als het lek waarschijnlijk geen risico geeft (AVG artikel 33). Heb je een "
            "privacyfunctionaris? Dan gaat de melding naar die persoon.",
            "Does a post leak personal data? Then it may be a data breach. The organisation "
            "reports it to the Dutch Data Protection Authority within 72 hours. Only a breach "
            "unlikely to result in a risk is exempt (GDPR Article 33). Have a privacy officer? "
            "Then reports go to them.",
        ),
        _t(
            "Geheimhouding mag nooit een spreekverbod zijn. Volgens de Wet bescherming "
            "klokkenluiders (sinds 18 februari 2023) mag je een misstand intern of meteen extern "
            "melden. Met 50 of meer medewerkers heb je een meldregeling, maar die is geen "
            "verplichte eerste stap. Eerst online zetten is alleen beschermd onder strenge "
            "voorwaarden (richtlijn 2019/1937, artikel 15).",
            "Confidentiality must never be a gag. Under the Dutch Whistleblower Protection Act "
            "(since 18 February 2023), staff may report internally or straight to an authority. "
            "With 50 or more staff you need a reporting procedure, but never as a compulsory "
            "first step. Going public first is protected only under strict conditions (Directive "
            "2019/1937, Article 15).",
        ),
        ForSectors(
            _CARE,
            _t(
                "In de zorg geldt het beroepsgeheim, ook online (artikel 7:457 BW, WGBO). Dus "
                "nooit over cliënten posten, ook niet met toestemming of zonder naam. Ook niet "
                "reageren op reviews, zoals op Zorgkaart Nederland. Wie BIG-geregistreerd is, valt "
                "ook online onder het tuchtrecht.",
                "In care, professional secrecy applies online too (Dutch Civil Code 7:457, WGBO). "
                "So never post about clients, not even with consent or without a name. Do not "
                "reply to reviews either, such as on Zorgkaart Nederland. BIG-registered staff "
                "answer to disciplinary law online too.",
            ),
        ),
        ForSectors(
            _GOVERNMENT,
            _t(
                "Bij de overheid zijn chats over werk overheidsinformatie. Ze kunnen openbaar "
                "worden na een Woo-verzoek en moeten bewaard blijven (Archiefwet). De plicht tot "
                "geheimhouding geldt ook online (Ambtenarenwet 2017, artikel 9).",
                "In government, work chats are government information. They can be released after "
                "a request under the Open Government Act (Woo) and must be kept (Archives Act). "
                "The duty of secrecy applies online too (Civil Servants Act 2017, article 9).",
            ),
        ),
    ),
    clauses=(
        Clause(
            "never-share",
            _t(
                "Vertrouwelijke informatie deel je nooit online. Ook niet in een besloten groep.",
                "Never share confidential information online. Not even in a closed group.",
            ),
        ),
        Clause(
            "professional-secrecy",
            _t(
                "Je beroepsgeheim geldt ook online, en met een BIG-registratie het tuchtrecht. "
                "Schrijf nooit over {clients}, ook niet met toestemming of zonder naam, en "
                "reageer niet op hun reviews.",
                "Professional secrecy, and disciplinary law if you are BIG-registered, apply "
                "online too. Never write about {clients}, even with consent or without a name. "
                "Never reply to their reviews.",
            ),
            default=True,
            sectors=_CARE,
        ),
        Clause(
            "government-information",
            _t(
                "Werkchats zijn overheidsinformatie, ook in WhatsApp. We bewaren ze, en ze kunnen "
                "openbaar worden.",
                "Work chats are government information, in WhatsApp too. We keep them, and they "
                "can be made public.",
            ),
            default=True,
            sectors=_GOVERNMENT,
        ),
        Clause(
            "when-in-doubt",
            _t(
                "Twijfel je? Plaats het dan niet en vraag het eerst aan {contact_person}.",
                "In doubt? Do not post it, and ask {contact_person} first.",
            ),
            default=True,
        ),
        Clause(
            "data-breach",
            _t(
                "Heb je per ongeluk gegevens van iemand gedeeld? Meld het dan meteen bij "
                "{contact_person}. We moeten een datalek vaak binnen 72 uur na ontdekking "
                "melden.",
                "Shared details about someone by mistake? Tell {contact_person} at once. We "
                "often have to report a data breach within 72 hours of finding it.",
            ),
            default=True,
            variants=(
                (
                    "privacy_contact",
                    _t(
                        "Heb je per ongeluk gegevens van iemand gedeeld? Meld het dan meteen bij "
                        "{privacy_contact}. We moeten een datalek vaak binnen 72 uur na "
                        "ontdekking melden.",
                        "Shared details about someone by mistake? Tell {privacy_contact} at "
                        "once. We often have to report a data breach within 72 hours of "
                        "finding it.",
                    ),
                ),
            ),
        ),
        Clause(
            "whistleblowing",
            _t(
                "Een misstand mag je altijd melden, bij ons of bij een toezichthouder. Het Huis "
                "voor Klokkenluiders geeft gratis advies. Wie die eerst online zet, is alleen "
                "onder strenge voorwaarden beschermd.",
                "You may always report wrongdoing, to us or straight to a regulator. "
                "The Dutch Whistleblowers Authority gives free advice. Posting it online first is "
                "protected only under strict rules.",
            ),
            always=True,
            variants=(
                (
                    "staff_50_plus",
                    _t(
                        "Een misstand mag je altijd melden, via onze meldregeling of bij een "
                        "toezichthouder. Het Huis voor Klokkenluiders adviseert gratis. Wie die "
                        "eerst online zet, is alleen onder strenge voorwaarden beschermd.",
                        "You may always report wrongdoing, through our reporting channel or to a "
                        "regulator. The Dutch Whistleblowers Authority gives free advice. Posting "
                        "it online first is protected only under strict rules.",
                    ),
                ),
            ),
        ),
        Clause(
            "workplace-photos",
            _t(
                "Kijk voor je een foto op het werk plaatst wat er op de achtergrond staat. Denk "
                "aan schermen, whiteboards en papieren.",
                "Before you post a photo taken at work, check the background. Think of screens, "
                "whiteboards and papers.",
            ),
        ),
        Clause(
            "in-confidence",
            _t(
                "Wat {clients}, partners of leveranciers ons in vertrouwen vertellen, blijft ook "
                "vertrouwelijk.",
                "What {clients}, partners or suppliers tell us in confidence stays confidential "
                "too.",
            ),
        ),
        Clause(
            "after-leaving",
            _t(
                "Vertrouwelijke informatie blijft vertrouwelijk, ook als je niet meer bij "
                "{organisation} werkt.",
                "Confidential information stays confidential, even when you no longer work "
                "at {organisation}.",
            ),
        ),
        Clause(
            "location",
            _t(
                "Deel niet waar je bent als dat iets verraadt, zoals een bezoek aan een klant.",
                "Do not share where you are if that gives something away, such as a visit to a "
                "client.",
            ),
        ),
        Clause(
            "accounts",
            _t(
                "Beveilig zakelijke accounts met een sterk wachtwoord en tweestapsverificatie. "
                "Deel je inloggegevens met niemand.",
                "Protect work accounts with a strong password and two-step verification. Never "
                "share your login details.",
            ),
        ),
    ),
    fields=(
        BlockField(
            key="categories",
            kind="multi",
            label=_t("Wat is vertrouwelijk?", "What is confidential?"),
            help=_t(
                "Kies wat bij je organisatie vertrouwelijk is. Kies er minstens één.",
                "Choose what is confidential in your organisation. Choose at least one.",
            ),
            sentence=_t(
                "Deel nooit online: {value}.",
                "Never share online: {value}.",
            ),
            options=(
                Option("personal-data", _t("gegevens uit dossiers", "details from our files")),
                Option("plans-and-deals", _t("plannen en offertes", "plans and quotes")),
                Option(
                    "financial-results",
                    _t("cijfers vóór publicatie", "unpublished figures"),
                ),
                Option(
                    "personnel-matters",
                    _t(
                        "ziekte en beoordelingen van collega's",
                        "colleagues' sick leave and appraisals",
                    ),
                ),
                Option(
                    "security",
                    _t(
                        "hoe we gebouwen en systemen beveiligen",
                        "how we secure buildings and systems",
                    ),
                ),
                Option(
                    "workplace-photos",
                    _t("wat je op foto's van de werkplek ziet", "what workplace photos show"),
                ),
            ),
            default=["personal-data", "plans-and-deals", "financial-results", "security"],
            required=True,
        ),
        BlockField(
            key="ask_person",
            kind="line",
            label=_t("Wie kun je iets vragen?", "Who to ask"),
            help=_t(
                "Bij wie kan iemand terecht die twijfelt? Laat leeg als dat de contactpersoon van "
                "dit beleid is.",
                "Who can people ask when in doubt? Leave empty if that is the contact person of "
                "this policy.",
            ),
            sentence=_t(
                "Vragen over vertrouwelijke informatie kun je ook stellen aan {value}.",
                "You can also ask {value} about confidential information.",
            ),
            default="",
            max_length=100,
        ),
    ),
    own_text_help=_t(
        "Wil je iets toevoegen? Bijvoorbeeld informatie die alleen in je vak vertrouwelijk is.",
        "Want to add something? For example information that is confidential only in your field.",
    ),
    max_chars=600,
)


AUDIENCE = Block(
    key="audience",
    title=_t("Denk aan je publiek", "Think about the audience"),
    intro=_t(
        "Veel mensen zien wat je plaatst. Zorg dat niemand in een lastige positie komt.",
        "Many people see what you post. Make sure nobody is put in an awkward position.",
    ),
    guidance=(
        _t(
            "Op social media zien veel groepen je berichten: klanten, collega's, vrienden en "
            "familie. Privé en werk lopen door elkaar. Wat grappig is voor vrienden, kan een "
            "ander kwetsen. Privacy-instellingen helpen weinig: iedereen kan een screenshot maken.",
            "On social media many groups see your posts: customers, colleagues, friends and "
            "family. Private and work roles mix. What is funny to friends may hurt someone else. "
            "Privacy settings help little: anyone can take a screenshot.",
        ),
        _t(
            "Geef medewerkers een eenvoudige vraag mee: wie kan dit zien, en zou iemand zich "
            "gekwetst voelen? Dat is een advies, geen verbod. Een privémening over politiek of "
            "geloof blijft toegestaan.",
            "Give staff a simple question: who can see this, and could it hurt someone? That is "
            "advice, not a ban. A private view on politics or religion is still allowed.",
        ),
        _t(
            "Bij een crisis spreekt de organisatie met één stem. Medewerkers sturen vragen van de "
            "pers door. Dat is geen spreekverbod: een misstand melden mag altijd. Vraag ook om "
            "schadelijke berichten over de organisatie te melden, in plaats van zelf te reageren.",
            "In a crisis the organisation speaks with one voice. Staff pass press questions on. "
            "That is no gag: reporting wrongdoing is always allowed. Also ask staff to report "
            "harmful posts about the organisation rather than respond themselves.",
        ),
        ForSectors(
            _CARE | _EDUCATION,
            _t(
                "In de zorg en op school is extra afstand nodig. Een zorgverlener stuurt geen "
                "vriendschapsverzoek aan cliënten. Een leraar houdt contact met leerlingen via de "
                "kanalen van school.",
                "Care and schools need extra distance. A carer does not send friend requests to "
                "clients. A teacher stays in touch with pupils through the school's channels.",
            ),
        ),
        _t(
            "Sluit af met de gevolgen, voor het hele beleid. Een maatregel gaat van een "
            "waarschuwing tot ontslag, bij iets ernstigs op staande voet (artikel 7:677 en 7:678 "
            "BW). Een rechter weegt mee of er een beleid was en of er is gewaarschuwd (goed "
            "werknemerschap, artikel 7:611 BW).",
            "End with the consequences, for the whole policy. A measure ranges from a warning to "
            "dismissal, for a serious breach summary dismissal (Dutch Civil Code 7:677, 7:678). "
            "Courts weigh whether a policy existed and warnings were given (the duty to be a "
            "good employee, Civil Code 7:611).",
        ),
    ),
    clauses=(
        Clause(
            "not-private",
            _t(
                "Privacy-instellingen maken een bericht niet privé. Iedereen kan het doorsturen.",
                "Privacy settings do not make a post private. Anyone can pass it on.",
            ),
        ),
        Clause(
            "the-test",
            _t(
                "Een goede vraag voor je iets plaatst: zou iemand zich gekwetst voelen? Twijfel "
                "je? Wacht dan even.",
                "A good question before you post: could this hurt someone? In doubt? Then wait a "
                "while.",
            ),
            default=True,
        ),
        Clause(
            "recognisable-customers",
            _t(
                "Schrijf nooit over {clients} die herkenbaar zijn, ook niet zonder naam.",
                "Never post about {clients} who could be recognised, even without names.",
            ),
            default=True,
            sectors=frozenset(SECTORS) - _CARE,
        ),
        Clause(
            "no-contact-requests",
            _t(
                "Stuur vanaf je privéaccount geen vriendschapsverzoek aan {clients}. Krijg je zelf "
                "een verzoek? Wijs het vriendelijk af.",
                "Never send {clients} friend requests from a personal account. If they send you "
                "one, decline kindly.",
            ),
            default=True,
            sectors=_CARE,
        ),
        Clause(
            "school-channels",
            _t(
                "Heb je contact met leerlingen of ouders? Doe dat via de kanalen van school, niet "
                "via je privéaccount.",
                "In touch with pupils or parents? Use the school's channels, not your personal "
                "account.",
            ),
            default=True,
            sectors=_EDUCATION,
        ),
        Clause(
            "crisis",
            _t(
                "Bij een crisis of incident spreekt {organisation} met één stem. Stuur vragen "
                "van de pers door naar {press_contact}.",
                "In a crisis or incident, {organisation} speaks with one voice. Pass questions "
                "from the press to {press_contact}.",
            ),
        ),
        Clause(
            "harmful-posts",
            _t(
                "Zie je online een schadelijk bericht over {organisation}? Reageer niet zelf, "
                "maar meld het bij {press_contact}.",
                "See a harmful post about {organisation} online? Do not respond yourself, but "
                "tell {press_contact}.",
            ),
        ),
        Clause(
            "connecting",
            _t(
                "Denk na voor je {clients} toevoegt aan je privéaccount. Een zakelijk profiel, "
                "zoals op LinkedIn, is vaak beter.",
                "Think before you add {clients} to your personal account. A business profile, "
                "such as on LinkedIn, is often better.",
            ),
            sectors=frozenset(SECTORS) - _CARE,
        ),
        Clause(
            "face-of-organisation",
            _t(
                "Je bent online nooit alleen privépersoon. Voor veel lezers ben je ook het gezicht "
                "van {organisation}.",
                "Online, you are never just a private person. To many readers, you are also the "
                "face of {organisation}.",
            ),
        ),
        Clause(
            "differences",
            _t(
                "Houd rekening met verschillen in cultuur, geloof en politiek. Wat voor jou een "
                "grap is, kan een ander kwetsen.",
                "Keep in mind differences in culture, religion and politics. What is a joke to you "
                "may hurt someone else.",
            ),
        ),
        Clause(
            "questions",
            _t(
                "Heb je vragen over dit beleid? Neem contact op met {contact_person} via "
                "{contact_email}.",
                "Questions about this policy? Contact {contact_person} at {contact_email}.",
            ),
        ),
        Clause(
            "consequences",
            _t(
                "Overtreed je dit beleid? Dan kan een maatregel volgen, van een waarschuwing tot "
                "ontslag. Bij iets ernstigs, zoals bedreigen, discrimineren of gegevens lekken, "
                "kan dat ontslag op staande voet zijn.",
                "If you break this policy, measures can follow, from a warning up to dismissal. "
                "In serious cases, such as threats, discrimination or leaking data, that can be "
                "summary dismissal.",
            ),
            default=True,
            closing=True,
        ),
    ),
    fields=(
        BlockField(
            key="audiences",
            kind="multi",
            label=_t("Wie ziet je berichten?", "Who can see your posts?"),
            help=_t(
                "Kies de groepen die de berichten van je organisatie zien. Kies er minstens één.",
                "Choose the groups that see your posts. Choose at least one.",
            ),
            sentence=_t(
                "Denk bij elk bericht aan wie het kan zien: {value}.",
                "With every post, think of who can see it: {value}.",
            ),
            options=(
                Option("customers", _t("{clients}", "{clients}")),
                Option(
                    "relatives",
                    _t("naasten", "clients' relatives"),
                    sectors=_CARE,
                ),
                Option("prospects", _t("mogelijke klanten", "prospects"), sectors=_TRADE),
                Option("colleagues", _t("collega's", "colleagues")),
                Option(
                    "shareholders",
                    _t("aandeelhouders", "shareholders"),
                    sectors=frozenset({"business"}),
                ),
                Option("job-applicants", _t("sollicitanten", "job applicants")),
                Option("suppliers", _t("leveranciers", "suppliers")),
                Option("press", _t("journalisten", "journalists")),
                Option("fans", _t("volgers", "followers"), sectors=_TRADE),
                Option("friends", _t("vrienden", "friends")),
                Option("family", _t("familie", "family")),
            ),
            default=[
                "customers",
                "relatives",
                "prospects",
                "colleagues",
                "fans",
                "friends",
                "family",
            ],
            required=True,
        ),
    ),
    own_text_help=_t(
        "Wil je iets toevoegen? Bijvoorbeeld over groepen die in je vak extra aandacht vragen.",
        "Want to add something? For example about groups that need extra care in your field.",
    ),
    max_chars=500,
)


BLOCKS: tuple[Block, ...] = (SOCIAL_MEDIA, CONDUCT, AUTHENTIC, PRODUCTIVITY, CONFIDENTIAL, AUDIENCE)
BLOCKS_BY_KEY: dict[str, Block] = {b.key: b for b in BLOCKS}


def block_by_key(key: str) -> Block:
    """Return the block with this key; raises KeyError for unknown keys."""
    return BLOCKS_BY_KEY[key]
