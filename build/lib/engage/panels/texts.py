"""What each Equality Panel's public page says, until officers write their own words.

``engage.panels.services.apply_panel_texts`` copies these into a panel's empty fields only, so
anything an officer has since written is never overwritten. The facts come from the Combined
Authority's page about the panels: they advise, support and challenge the city region's
political leaders and policymakers, and are open to people with a connection to the Liverpool
City Region who care about equality for the group. Nothing here promises payment for time:
the authority has not said it pays members, only that expenses and support are covered."""

from __future__ import annotations

# The same for every panel: how often they meet, and the support on offer.
TIME_COMMITMENT = (
    "About 4 meetings a year, each lasting around 2 hours, plus time to read the papers "
    "before each meeting. You can join meetings online or in person. Members are usually "
    "appointed for 2 years."
)
SUPPORT_OFFERED = (
    "We pay your expenses for taking part, including travel, and care or support costs such "
    "as a carer or childcare while you are at a meeting. We can send papers in a format that "
    "works for you, such as large print, Easy Read or plain text for a screen reader. We can "
    "book British Sign Language interpreters, and you are welcome to bring a support worker. "
    "Tell us what would help and we will talk it through with you."
)
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
