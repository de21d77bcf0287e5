"""What other packages may use of equality monitoring: the questions and the form section
that asks them, saving, erasing and counting a subject's answers (a feature's own records,
such as "panel_application" 17), disclosure control, the Census 2021 baselines and the
comparison with them, the equality data access role, registering a feature's answers for
"who we heard from", and who we heard from in a period (the annual report's year). Everything
else in engage/monitoring is its own."""

from engage.monitoring.access import EQUALITY_DATA, EQUALITY_DATA_ROLE
from engage.monitoring.census import ATTRIBUTION as CENSUS_ATTRIBUTION
from engage.monitoring.census import (
    CITY_REGION,
    LOCAL_AUTHORITIES,
    characteristic,
    characteristic_label,
)
from engage.monitoring.census import LICENCE_URL as CENSUS_LICENCE_URL
from engage.monitoring.comparison import (
    NOT_COMPARABLE,
    NOT_COMPARABLE_LABEL,
    Comparison,
    compare,
)
from engage.monitoring.counting import count_answers, count_answers_by, count_answers_by_each
from engage.monitoring.demo import add_fictional_answers, create_demo_responses, fictional_answers
from engage.monitoring.disclosure import (
    HIDDEN,
    THRESHOLD,
    PublishedCell,
    PublishedTable,
    publish_table,
)
from engage.monitoring.forms import MonitoringForm
from engage.monitoring.groups import GROUPS, MonitoringGroup, monitoring_group, subjects_in_group
from engage.monitoring.period import HeardFromInPeriod, SourceCount, heard_from_between
from engage.monitoring.personal_data import monitoring_records
from engage.monitoring.questions import (
    NOT_ANSWERED,
    NOT_ANSWERED_LABEL,
    PREFER_NOT_TO_SAY,
    PREFER_NOT_TO_SAY_LABEL,
    QUESTIONS,
    SECTIONS,
    question,
)
from engage.monitoring.services import (
    Answers,
    aggregates_viewed,
    answers_of,
    count_by_question,
    delete_answers,
    response_for,
    save_answers,
    save_many_answers,
)
from engage.monitoring.sources import AnswerSource, register_source
from engage.monitoring.statistics import Rate, clearly_below, wilson
from engage.monitoring.views import VIEW_CHARACTERISTICS

__all__ = [
    "CENSUS_ATTRIBUTION",
    "CENSUS_LICENCE_URL",
    "CITY_REGION",
    "EQUALITY_DATA",
    "EQUALITY_DATA_ROLE",
    "GROUPS",
    "HIDDEN",
    "LOCAL_AUTHORITIES",
    "NOT_ANSWERED",
    "NOT_ANSWERED_LABEL",
    "NOT_COMPARABLE",
    "NOT_COMPARABLE_LABEL",
    "PREFER_NOT_TO_SAY",
    "PREFER_NOT_TO_SAY_LABEL",
    "QUESTIONS",
    "SECTIONS",
    "THRESHOLD",
    "VIEW_CHARACTERISTICS",
    "AnswerSource",
    "Answers",
    "Comparison",
    "HeardFromInPeriod",
    "MonitoringForm",
    "MonitoringGroup",
    "PublishedCell",
    "PublishedTable",
    "Rate",
    "SourceCount",
    "add_fictional_answers",
    "aggregates_viewed",
    "answers_of",
    "characteristic",
    "characteristic_label",
    "clearly_below",
    "compare",
    "count_answers",
    "count_answers_by",
    "count_answers_by_each",
    "count_by_question",
    "create_demo_responses",
    "delete_answers",
    "fictional_answers",
    "heard_from_between",
    "monitoring_group",
    "monitoring_records",
    "publish_table",
    "question",
    "register_source",
    "response_for",
    "save_answers",
    "save_many_answers",
    "subjects_in_group",
    "wilson",
]

# The retention schedule (engage/retention): answers follow the records they came with.
from engage.monitoring.retention import clear_write_ins_of, delete_answers_of

__all__ += ["clear_write_ins_of", "delete_answers_of"]
