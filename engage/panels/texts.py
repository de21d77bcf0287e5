"""What each Equality Panel's public page says, until officers write their own words.

``engage.panels.services.apply_panel_texts`` copies these into a panel's empty fields only, so
anything an officer has since written is never overwritten. The facts come from the Combined
Authority's page about the panels (shared/seeds): they advise, support and challenge the
city region's political leaders and policymakers, and are open to people with a connection
to the Liverpool City Region who care about equality for the group.

The authority's documents say nothing about how often the panels meet, how long a term is,
or what expenses are paid, so these texts promise none of it: they say who to ask, and what
this service does (members are appointed for a term whose dates they are told; applicants
say what support they need). Earlier versions said "about 4 meetings a year" while the
application form said "around 6"; ``SUPERSEDED`` lists those texts so they are replaced."""

from __future__ import annotations

CONTACT = "equality@liverpoolcityregion-ca.gov.uk"
# The same for every panel: how much time it takes, and the support on offer.
TIME_COMMITMENT = (
    f"To find out how often the panel meets and how long meetings last, email {CONTACT}. "
    "Members are appointed for a set term: we tell you its start and end dates when we "
    "appoint you."
)
SUPPORT_OFFERED = (
    "Tell us what would help you take part, for example papers in large print, Easy Read or "
    "plain text for a screen reader, a British Sign Language interpreter, a support worker "
    "with you, or help with travel and care costs. We will talk it through with you and "
    "arrange what we can."
)
# Defaults this service once filled in, replaced when a panel still holds them word for word.
SUPERSEDED: dict[str, tuple[str, ...]] = {
    "time_commitment": (
        "About 4 meetings a year, each lasting around 2 hours, plus time to read the papers "
        "before each meeting. You can join meetings online or in person. Members are usually "
        "appointed for 2 years.",
    ),
    "support_offered": (
        "We pay your expenses for taking part, including travel, and care or support costs "
        "such as a carer or childcare while you are at a meeting. We can send papers in a "
        "format that works for you, such as large print, Easy Read or plain text for a screen "
        "reader. We can book British Sign Language interpreters, and you are welcome to bring "
        "a support worker. Tell us what would help and we will talk it through with you.",
    ),
}
CONNECTION = (
    "You need a connection to the Liverpool City Region: you live, work, study or volunteer "
    "in Halton, Knowsley, Liverpool, Sefton, St Helens or Wirral."
)

PANEL_TEXTS: dict[str, dict[str, str]] = {
    "disabled-people": {
        "summary": (
            "The Disabled People Panel advises, supports and challenges the city region's "
            "political leaders and policymakers on the barriers disabled people face. Members "
            "bring their own experience to the decisions, plans and services that affect "
            "disabled people, so that discrimination and disadvantage are tackled, not repeated."
        ),
        "who_for": (
            "Anyone who cares about equality for disabled people. We especially welcome "
            "disabled people, including people with long-term health conditions or mental "
            "health conditions, neurodivergent people, and Deaf people. " + CONNECTION
        ),
    },
    "race": {
        "summary": (
            "The Race Panel advises, supports and challenges the city region's political "
            "leaders and policymakers on racism and racial inequality. Members use their "
            "experience and knowledge of their communities to influence decisions on key "
            "issues, from transport and jobs to housing and public services."
        ),
        "who_for": (
            "Anyone who cares about race equality. We especially welcome people from Black, "
            "Asian, mixed, Gypsy, Roma, Traveller and other ethnic minority communities. "
            + CONNECTION
        ),
    },
    "gender": {
        "summary": (
            "The Gender Panel advises, supports and challenges the city region's political "
            "leaders and policymakers on gender inequality. Members help make sure decisions "
            "and services work for women and girls, and for people of every gender, chosen or "
            "otherwise."
        ),
        "who_for": (
            "Anyone who cares about gender equality. We especially welcome women, trans and "
            "non-binary people, and people whose voices are seldom heard. " + CONNECTION
        ),
    },
}
for _texts in PANEL_TEXTS.values():
    _texts.setdefault("time_commitment", TIME_COMMITMENT)
    _texts.setdefault("support_offered", SUPPORT_OFFERED)

# The Panel columns these texts fill, in the order the public page shows them.
TEXT_FIELDS = ("summary", "who_for", "time_commitment", "support_offered")
