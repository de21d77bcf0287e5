"""The words and weights of the demo recruitment (engage/recruitment/demo.py): fictional
names, the round's criteria, questions and summary, answers, reasons, and how the fictional
monitoring answers lean for each panel. Nothing here is real."""

from __future__ import annotations

from engage.recruitment.models import APPOINTED, NOT_APPOINTED, RESERVE

# fmt: off
NAMES = (
    "Abdi Warsame", "Agnieszka Nowak", "Aled Pritchard", "Amira Saleh", "Bernadette Doyle",
    "Callum McGrath", "Chen Wei Lau", "Chidinma Eze", "Ciara Byrne", "Connor Walsh",
    "Dalia Haddad", "Darren Whitfield", "Deepa Raman", "Declan Rooney", "Efua Mensah",
    "Eileen Corkhill", "Emeka Obi", "Faisal Al-Hakimi", "Fiona Tennant", "Gareth Llewellyn",
    "Grace Oyelaran", "Hafsa Ismail", "Hannah Birchall", "Hui Min Cheung", "Ibrahim Jama",
    "Imogen Ashcroft", "Jamal Lindo", "Jasmine Kaur Sandhu", "Joanne Fairhurst", "Kamala Reddy",
    "Kasia Wiśniewska", "Kwame Asante", "Leanne Mulholland", "Li Na Zhou", "Maeve Gallagher",
    "Marcus Adeyemi", "Mei Ling Wong", "Mohammed Rahman", "Nadia Benali", "Niamh Kearney",
    "Nkechi Umeh", "Oliver Tasker", "Olumide Bankole", "Paddy Finnegan", "Parveen Akhtar",
    "Precious Nwosu", "Rhys Bevan", "Róisín Quigley", "Ruth Ackerley", "Sadia Hussain",
    "Samuel Osei-Bonsu", "Shabnam Qureshi", "Siobhán O'Hare", "Stacey Molyneux", "Tariq Mahmood",
    "Tomasz Zieliński", "Una McAleavy", "Vikram Bhatt", "Wen Jie Tan", "Yasmin Abdullahi",
    "Yusuf Al-Amri", "Zainab Koroma", "Zofia Lewandowska", "Beatriz Almeida", "Kofi Boateng",
    "Lorraine Seddon", "Danny Cunliffe", "Mariam Elmi", "Tyrone Gayle", "Phoebe Rimmer",
)
# fmt: on

# fmt: off
CRITERIA = (
    ("Lived experience and insight",
     "You understand, from your own life or from working closely with others, the "
     "discrimination or disadvantage faced by the people this panel speaks for."),
    ("Advice and constructive challenge",
     "You can give honest advice on plans and policies, question decisions respectfully, and "
     "suggest what would work better."),
    ("Connection to communities in the city region",
     "You are connected to people and groups in Halton, Knowsley, Liverpool, Sefton, St Helens "
     "or Wirral, and can bring their views as well as your own."),
    ("Working with others",
     "You listen, respect different views, keep confidences and help a group reach conclusions "
     "it can stand behind."),
)
QUESTIONS_ASKED = (
    ("Why do you want to join this panel, and what would you bring to it?",
     "Tell us about your own experience or your work with others. You do not need to share "
     "anything you would rather keep private.", 300),
    ("Tell us about a time you spoke up about something unfair. What did you do, and what "
     "happened?",
     "It can be from any part of your life: work, volunteering, your community or family.", 300),
    ("Which issues should the panel look at first in the Liverpool City Region, and why?",
     "For example transport, jobs and skills, housing, or getting online.", 200),
)
ANSWER_TEXTS = (
    ("I have lived in the city region all my life and know how hard it is to be heard by the "
     "people who make decisions. I would bring patience and plain speaking.",
     "Through my work at a community centre I see every week how services can shut people out "
     "without meaning to. I want to help change that from the inside."),
    ("When our bus route was cut I organised a petition and spoke at a council meeting. A "
     "community bus now runs twice a week.",
     "Interview panels at work were always upstairs with no lift. I raised it with my manager "
     "and we now book an accessible room every time."),
    ("Transport first: if you cannot get there, you cannot take part in anything else.",
     "Getting online: more and more services are only on the internet."),
)
# Access needs by code (as the application form stores them), most people needing none.
ACCESS_NEED_CHOICES = ((), (), (), ("large_print",), ("bsl",), ("step_free", "expenses"),
                       ("screen_reader",), ("support_worker", "expenses"), ("captions",))
# fmt: on
SHORTLIST_REASONS = {
    True: "Good or strong evidence against every criterion, especially lived experience and "
    "connection to communities in the city region.",
    False: "Your answers showed some evidence against the criteria; other applicants showed "
    "stronger evidence of advice and constructive challenge.",
}
OUTCOME_REASONS = {
    APPOINTED: "At the conversation you gave clear, practical examples of challenging unfair "
    "decisions and of bringing other people's views with you.",
    RESERVE: "You met the criteria well. Others scored slightly higher, so we will offer you a "
    "place if one becomes free in the next 12 months.",
    NOT_APPOINTED: "You met some of the criteria. Other applicants gave stronger examples of "
    "working with others to reach a shared view.",
}
FEEDBACK = (
    "Tell us more about what you did yourself and what changed as a result. Please apply "
    "again when we next recruit."
)
SUMMARY = (
    "The Combined Authority is looking for members for its three Equality Panels: the Disabled "
    "People Panel, the Race Panel and the Gender Panel. Members advise, support and challenge "
    "the Metro Mayor, the Combined Authority and its policymakers on tackling the "
    "discrimination and disadvantage that cause inequality. You need a connection to the city "
    "region: you live, work, study or volunteer here. Tell us in your application what would "
    "help you take part."
)

# Relative weights per answer code (codes not listed get 1), and per panel adjustments.
# fmt: off
WEIGHTS: dict[str, dict[str, float]] = {
    "age_band": {"under_16": 0, "16_to_24": 6, "25_to_34": 14, "35_to_49": 20, "50_to_64": 20,
                 "65_to_74": 8, "75_to_84": 2, "85_plus": 0},
    "sex": {"female": 55, "male": 42},
    "gender_identity": {"yes": 90, "no": 5},
    "sexual_orientation": {"straight": 75, "gay_or_lesbian": 10, "bisexual": 8, "other": 2},
    "ethnic_group": {"white_british": 55, "white_irish": 5, "white_other": 4, "black_african": 6,
                     "black_caribbean": 4, "asian_chinese": 5, "asian_pakistani": 3,
                     "asian_bangladeshi": 2, "asian_indian": 2, "mixed_white_black_caribbean": 4,
                     "mixed_white_black_african": 2, "other_arab": 4},
    "religion": {"no_religion": 35, "christian": 40, "muslim": 12, "jewish": 2, "hindu": 2,
                 "buddhist": 2, "sikh": 1},
    "long_term_condition": {"yes": 35, "no": 60},
    "day_to_day_limited": {"a_lot": 40, "a_little": 45, "not_at_all": 15},
    "unpaid_care": {"no": 70, "hours_9_or_less": 12, "hours_10_to_19": 6, "hours_50_or_more": 4},
    "school_type": {"state": 85, "independent": 4, "independent_bursary": 0, "outside_uk": 8},
    "free_school_meals": {"yes": 30, "no": 50, "not_applicable": 12, "dont_know": 6},
    "parent_occupation": {"routine": 30, "technical": 15, "clerical": 12, "manager": 10,
                          "professional": 12, "unemployed": 8, "small_business": 8, "other": 5},
}
PANEL_WEIGHTS: dict[str, dict[str, dict[str, float]]] = {
    "disabled-people": {"long_term_condition": {"yes": 85, "no": 12}},
    "race": {"ethnic_group": {"white_british": 10, "black_african": 14, "black_caribbean": 10,
                              "asian_chinese": 8, "other_arab": 8, "asian_pakistani": 6,
                              "mixed_white_black_caribbean": 8}},
    "gender": {"sex": {"female": 80, "male": 18}, "gender_identity": {"yes": 80, "no": 15}},
}
# fmt: on
# Roughly each authority's share of the city region's people.
AUTHORITY_WEIGHTS = {"Liverpool": 5, "Wirral": 3, "Sefton": 3, "St Helens": 2, "Knowsley": 2}
