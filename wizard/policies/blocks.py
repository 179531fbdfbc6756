"""The six building blocks of a social media policy, defined once.

Every wizard step, form, preview and export reads its texts from here, so a policy looks the
same wherever it is shown. All text exists in Dutch (taalniveau B1, "je") and English.
Clause texts may use the placeholders in PLACEHOLDERS; field sentences only use "{value}".
Pure standard library, so it imports without Django settings.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("nl", "en")
Text = dict  # {"nl": "...", "en": "..."}, both keys always present

PLACEHOLDERS = ("organisation", "contact_person", "contact_email")


@dataclass(frozen=True)
class Option:
    """One choice of a multi or single field."""

    key: str  # slug, e.g. "linkedin"
    label: Text  # shown in the form AND used in the policy text
    text: Text | None = None  # only for kind="single": the full policy sentence for this choice


@dataclass(frozen=True)
class Clause:
    """A ready-made policy sentence the user can switch on or off."""

    key: str  # slug unique within the block, e.g. "stays-findable"
    text: Text  # one sentence or two; may use {organisation}, {contact_person}, {contact_email}
    default: bool = False  # pre-selected in a new policy


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


@dataclass(frozen=True)
class Block:
    """One wizard step and one section of the printed policy."""

    key: str
    title: Text  # step title AND section heading in the printed policy
    intro: Text  # one short line under the step title
    guidance: tuple[Text, ...]  # advice for the person writing the policy; never printed
    clauses: tuple[Clause, ...]
    fields: tuple[BlockField, ...]
    own_text_help: Text  # help for the free "own words" textarea
    max_chars: int = 600  # maximum characters of the block's own free text


def _t(nl: str, en: str) -> Text:
    """Build a Text; positional order keeps the Dutch and English side by side in the source."""
    return {"nl": nl, "en": en}


# The empty Text for the unused sentence of kind="single" fields.
_NO_SENTENCE: Text = _t("", "")


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
            "vindt nieuwe collega's, medewerkers delen kennis en klanten bereiken je snel. Een "
            "beleid dat alleen verbiedt, werkt meestal averechts.",
            "Start with what social media bring. Your organisation becomes more visible, you find "
            "new colleagues, staff share knowledge and customers reach you quickly. A policy that "
            "only forbids things usually backfires.",
        ),
        _t(
            "Leg daarna uit wat er mis kan gaan. Een bericht blijft jaren vindbaar, ook na "
            "verwijderen: vaak heeft iemand al een screenshot. Dat kan de organisatie schaden, "
            "maar ook de medewerker zelf. Wie de gevolgen ziet, gaat er bewuster mee om.",
            "Then explain what can go wrong. A post stays findable for years, even after it is "
            "deleted: someone often has a screenshot already. That can harm the organisation, and "
            "the employee too. People who see the consequences act more carefully.",
        ),
    ),
    clauses=(
        Clause(
            "opportunity",
            _t(
                "Social media zijn een kans: je laat zien wat we doen, deelt kennis en houdt "
                "contact met klanten.",
                "Social media are an opportunity: you show what we do, share knowledge and stay "
                "in touch with customers.",
            ),
            default=True,
        ),
        Clause(
            "stays-findable",
            _t(
                "Wat je plaatst, blijft jaren vindbaar. Ook als je het verwijdert: iemand kan al "
                "een screenshot hebben.",
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
            default=True,
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
                "Dit beleid geldt voor {value}, en ook voor andere social media.",
                "This policy covers {value}, and other social media too.",
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
            "De basis is eenvoudig: online gedraag je je zoals op het werk. Regels die je "
            "organisatie al heeft, zoals een gedragscode of een regeling tegen ongewenst gedrag, "
            "gelden ook online. Je hoeft ze hier niet te herhalen. Verwijs er gewoon naar.",
            "The basis is simple: online you behave as you do at work. Rules your organisation "
            "already has, such as a code of conduct or a harassment policy, apply online too. You "
            "do not need to repeat them here. Just refer to them.",
        ),
        _t(
            "Noem de kernwaarden van je organisatie, als die er zijn. Dan ziet iedereen dat dit "
            "beleid bij je organisatie past. Een paar woorden is genoeg, bijvoorbeeld respect of "
            "betrouwbaarheid.",
            "Name your organisation's core values, if it has them. Then everyone sees that this "
            "policy fits your organisation. A few words are enough, for example respect or "
            "reliability.",
        ),
        _t(
            "Let op privacy. Foto's, namen en verhalen van collega's, klanten, patiënten of "
            "leerlingen zijn persoonsgegevens. De AVG (de Europese privacywet, sinds 2018) "
            "beschermt ze. Deel ze alleen als iemand daar toestemming voor geeft.",
            "Mind privacy. Photos, names and stories of colleagues, customers, patients or pupils "
            "are personal data. The GDPR (the EU privacy law, since 2018) protects them. Share "
            "them only when the person agrees.",
        ),
        _t(
            "Zeg ook wat medewerkers doen als een collega over de grens gaat. Noem één vast "
            "aanspreekpunt, zoals een leidinggevende, HR of de vertrouwenspersoon.",
            "Also say what staff do when a colleague crosses the line. Name one fixed point of "
            "contact, such as a manager, HR or the confidential adviser.",
        ),
    ),
    clauses=(
        Clause(
            "same-as-work",
            _t(
                "Online gedraag je je zoals op het werk. Onze gedragscode en andere regels gelden "
                "ook op social media.",
                "Online, you behave as you do at work. Our code of conduct and other rules apply "
                "on social media too.",
            ),
            default=True,
        ),
        Clause(
            "no-hate",
            _t(
                "Je plaatst niets wat discrimineert, seksistisch is, beledigt of bedreigt. Ook "
                "niet als grap.",
                "You post nothing that discriminates, is sexist, insults or threatens. Not even "
                "as a joke.",
            ),
            default=True,
        ),
        Clause(
            "no-harassment",
            _t(
                "Je valt niemand lastig: geen collega's, geen klanten en ook niemand anders.",
                "You harass no one: not colleagues, not customers, not anyone else.",
            ),
        ),
        Clause(
            "privacy",
            _t(
                "Deel geen foto's, namen of verhalen van collega's, klanten, patiënten of "
                "leerlingen zonder hun toestemming. Dat eist ook de privacywet (AVG).",
                "Do not share photos, names or stories of colleagues, customers, patients or "
                "pupils without their consent. The privacy law (GDPR) requires this too.",
            ),
            default=True,
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
                "Word je online lastiggevallen om je werk? Meld het bij {contact_person}. Je "
                "staat er niet alleen voor.",
                "Harassed online because of your work? Tell {contact_person}. You do not have to "
                "deal with it alone.",
            ),
        ),
        Clause(
            "consequences",
            _t(
                "Houd je je niet aan deze regels? Dan kan dat gevolgen hebben, net als bij andere "
                "regels op het werk.",
                "Breaking these rules can have consequences, just like breaking other rules at "
                "work.",
            ),
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
            "wekken meer vertrouwen dan een bedrijfsaccount. Vraag dus niet om perfecte berichten, "
            "maar om eerlijke.",
            "Encourage staff to be themselves. Real people with their own name and voice earn more "
            "trust than a company account. So ask for honest posts, not perfect ones.",
        ),
        _t(
            "Vooral in zakelijk contact moet duidelijk zijn wie er schrijft en waarom. Op een "
            "persoonlijk profiel past soms een vaste zin, zoals: ‘Dit zijn mijn eigen meningen.’ "
            "Vul die zin in als iedereen dezelfde moet gebruiken.",
            "Above all in business contacts, it must be clear who is writing and why. A personal "
            "profile may need a standard line, such as: ‘These views are my own.’ Fill it in if "
            "everyone should use the same line.",
        ),
        _t(
            "Nepreviews en neppe accounts om je organisatie op te hemelen of een concurrent af te "
            "kraken, zijn misleidend. Sinds mei 2022 verbiedt de wet dat uitdrukkelijk "
            "(EU-richtlijn 2019/2161). De ACM kan een boete geven.",
            "Fake reviews and fake accounts that praise your organisation or attack a competitor "
            "are misleading. Since May 2022 the law explicitly bans this (EU Directive "
            "2019/2161). Regulators can impose fines.",
        ),
        _t(
            "Spreek af wie namens de organisatie praat. Dan weet iedereen waar vragen van de pers "
            "en klachten heen moeten.",
            "Agree who speaks on behalf of the organisation. Then everyone knows where to send "
            "questions from the press and complaints.",
        ),
    ),
    clauses=(
        Clause(
            "own-name",
            _t(
                "Wees jezelf en gebruik je eigen naam. Doe je niet voor als iemand anders.",
                "Be yourself and use your own name. Do not pretend to be someone else.",
            ),
            default=True,
        ),
        Clause(
            "say-where-you-work",
            _t(
                "Schrijf je over ons vak, onze producten of onze concurrenten? Zeg dan dat je bij "
                "{organisation} werkt.",
                "Writing about our field, our products or our competitors? Then say that you work "
                "at {organisation}.",
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
                "Alleen aangewezen mensen spreken namens {organisation}. Stuur vragen van de pers "
                "en klachten naar {contact_person}.",
                "Only appointed people speak for {organisation}. Send questions from the press and "
                "complaints to {contact_person}.",
            ),
            default=True,
        ),
        Clause(
            "no-fake-reviews",
            _t(
                "Schrijf geen anonieme reviews of nepreviews en maak geen neppe accounts. Dat is "
                "misleidend en verboden.",
                "Do not write anonymous or fake reviews or create fake accounts. That is "
                "misleading and against the law.",
            ),
            default=True,
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
        "Spreek af hoe medewerkers social media onder werktijd gebruiken.",
        "Agree how staff use social media during working hours.",
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
            "Meestal is een beroep op redelijkheid genoeg. Gaat het gebruik ten koste van het "
            "werk? Dan praat de leidinggevende er eerst over met de medewerker.",
            "Usually an appeal to fairness and common sense is enough. If use gets in the way of "
            "work, the manager talks to the employee about it first.",
        ),
        _t(
            "Voor sommige functies horen social media bij het werk, zoals communicatie, marketing "
            "of werving. Kies die functies, dan is duidelijk dat dit voor hen geen pauze is.",
            "For some roles social media are part of the job, such as communication, marketing or "
            "recruitment. Choose those roles, so it is clear this is not a break for them.",
        ),
    ),
    clauses=(
        Clause(
            "common-sense",
            _t(
                "We gaan uit van redelijkheid en vertrouwen op je eigen oordeel.",
                "We rely on fairness and common sense, and trust your judgement.",
            ),
            default=True,
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
            "notifications",
            _t(
                "Zet meldingen uit als je je moet concentreren, bijvoorbeeld in overleg of bij "
                "klanten.",
                "Turn off notifications when you need to focus, for example in meetings or with "
                "customers.",
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
            required=True,
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
            "Vertrouwelijke informatie deel je nooit. De meeste medewerkers voelen goed aan wat "
            "daaronder valt. Een korte, duidelijke lijst geeft ze toch houvast. Kies de "
            "onderwerpen die voor je organisatie gelden.",
            "Confidential information is never shared. Most staff sense well what that covers. "
            "Still, a short, clear list gives them something to hold on to. Choose the topics "
            "that apply to your organisation.",
        ),
        _t(
            "Denk ook aan foto's van de werkplek. Op de achtergrond staat vaak meer dan je denkt: "
            "een scherm met klantgegevens, een whiteboard met plannen of een pasje met een naam.",
            "Also think of photos of the workplace. The background often shows more than you "
            "think: a screen with customer data, a whiteboard with plans or a badge with a name.",
        ),
        _t(
            "Lekt een bericht persoonsgegevens? Dan kan dat een datalek zijn. De organisatie moet "
            "een datalek binnen 72 uur melden bij de Autoriteit Persoonsgegevens, tenzij het "
            "risico klein is (AVG, artikel 33, sinds 2018). Daarom meldt een medewerker het "
            "meteen intern.",
            "Does a post leak personal data? Then it may be a data breach. The organisation must "
            "report a breach to the supervisory authority (in the Netherlands: Autoriteit "
            "Persoonsgegevens) within 72 hours, unless the risk is low (GDPR, Article 33, since "
            "2018). So staff report it internally at once.",
        ),
        _t(
            "Noem één persoon die vragen beantwoordt. Wie twijfelt, moet snel antwoord krijgen. "
            "Anders plaatst iemand het bericht toch.",
            "Name one person who answers questions. People in doubt need a quick answer. "
            "Otherwise someone posts it anyway.",
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
                "Deelde je per ongeluk persoonsgegevens? Meld het meteen bij {contact_person}. "
                "Een datalek moeten we soms binnen 72 uur melden bij de Autoriteit "
                "Persoonsgegevens.",
                "Shared personal data by mistake? Tell {contact_person} at once. We may have to "
                "report a data breach to the authorities within 72 hours.",
            ),
            default=True,
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
                "Wat klanten, partners of leveranciers ons in vertrouwen vertellen, blijft ook "
                "vertrouwelijk.",
                "What customers, partners or suppliers tell us in confidence stays confidential "
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
                "customer.",
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
                Option(
                    "personal-data",
                    _t(
                        "persoonsgegevens (van klanten, patiënten en anderen)",
                        "personal data (of customers, patients and others)",
                    ),
                ),
                Option(
                    "financial-results",
                    _t(
                        "financiële cijfers die nog niet openbaar zijn",
                        "financial results before they are published",
                    ),
                ),
                Option(
                    "plans-and-deals",
                    _t(
                        "plannen (ook offertes, prijzen en contracten)",
                        "plans (also tenders, prices and contracts)",
                    ),
                ),
                Option("personnel-matters", _t("personeelszaken", "personnel matters")),
                Option(
                    "security",
                    _t(
                        "beveiliging (gebouwen, systemen, wachtwoorden)",
                        "security details (buildings, systems, passwords)",
                    ),
                ),
                Option(
                    "workplace-photos",
                    _t(
                        "wat op foto's van de werkplek te zien is (schermen, whiteboards, "
                        "documenten)",
                        "what shows in workplace photos (screens, whiteboards, documents)",
                    ),
                ),
            ),
            default=[
                "personal-data",
                "financial-results",
                "plans-and-deals",
                "personnel-matters",
                "security",
            ],
            required=True,
        ),
        BlockField(
            key="ask_person",
            kind="line",
            label=_t("Vragen stellen aan", "Ask questions to"),
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
        "Veel mensen lezen mee. Zorg dat niemand in een lastige positie komt.",
        "Many people read along. Make sure nobody is put in an awkward position.",
    ),
    guidance=(
        _t(
            "Op social media lezen veel groepen mee: klanten, collega's, vrienden en familie. "
            "Privé en werk lopen door elkaar. Wat grappig is voor vrienden, kan een klant kwetsen.",
            "On social media many groups read along: customers, colleagues, friends and family. "
            "Private and work roles mix. What is funny to friends may hurt a customer.",
        ),
        _t(
            "Privacy-instellingen maken een bericht niet privé. Iedereen kan een screenshot maken "
            "en het doorsturen. Ga ervan uit dat elk bericht openbaar wordt.",
            "Privacy settings do not make a post private. Anyone can take a screenshot and pass it "
            "on. Assume that every post will become public.",
        ),
        _t(
            "Geef medewerkers een eenvoudige test mee: zou een van deze groepen zich schamen of "
            "gekwetst voelen door dit bericht? Dan beter niet plaatsen.",
            "Give staff a simple test: would any of these groups feel embarrassed or hurt by this "
            "post? Then better not post it.",
        ),
        _t(
            "Bij een crisis of incident moet de organisatie met één stem spreken. Medewerkers "
            "zeggen er dan zelf niets over en verwijzen vragen door.",
            "In a crisis or incident, the organisation must speak with one voice. Staff then say "
            "nothing about it themselves and pass questions on.",
        ),
    ),
    clauses=(
        Clause(
            "not-private",
            _t(
                "Privacy-instellingen maken een bericht niet privé. Iedereen kan het doorsturen.",
                "Privacy settings do not make a post private. Anyone can pass it on.",
            ),
            default=True,
        ),
        Clause(
            "the-test",
            _t(
                "Zou iemand die meeleest zich schamen of gekwetst voelen? Plaats het dan niet.",
                "Would anyone reading along feel embarrassed or hurt? Then do not post it.",
            ),
            default=True,
        ),
        Clause(
            "recognisable-customers",
            _t(
                "Schrijf nooit over een klant die herkenbaar is, ook niet zonder naam.",
                "Never post about a customer who could be recognised, even without a name.",
            ),
            default=True,
        ),
        Clause(
            "crisis",
            _t(
                "Bij een crisis of incident plaats je er zelf niets over. Verwijs vragen door naar "
                "{contact_person}.",
                "In a crisis or incident, post nothing about it yourself. Refer questions to "
                "{contact_person}.",
            ),
            default=True,
        ),
        Clause(
            "connecting",
            _t(
                "Denk na voor je klanten toevoegt aan je privéaccount. Een zakelijk profiel, zoals "
                "op LinkedIn, is vaak beter.",
                "Think before you add customers to your personal account. A business profile, such "
                "as on LinkedIn, is often better.",
            ),
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
    ),
    fields=(
        BlockField(
            key="audiences",
            kind="multi",
            label=_t("Wie leest er mee?", "Who reads along?"),
            help=_t(
                "Kies de groepen die de berichten van je organisatie lezen. Kies er minstens één.",
                "Choose the groups that read your posts. Choose at least one.",
            ),
            sentence=_t(
                "Denk bij elk bericht aan wie meeleest: {value}.",
                "With every post, think of who reads along: {value}.",
            ),
            options=(
                Option("customers", _t("klanten", "customers")),
                Option("prospects", _t("mogelijke klanten", "prospects")),
                Option("colleagues", _t("collega's", "colleagues")),
                Option("shareholders", _t("aandeelhouders", "shareholders")),
                Option("job-applicants", _t("sollicitanten", "job applicants")),
                Option("suppliers", _t("leveranciers", "suppliers")),
                Option("press", _t("journalisten", "journalists")),
                Option("fans", _t("fans", "fans")),
                Option("friends", _t("vrienden", "friends")),
                Option("family", _t("familie", "family")),
            ),
            default=["customers", "prospects", "colleagues", "fans", "friends", "family"],
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
