"""factory_boy factories for every model, by feature. Each makes one valid, committed row
with the related rows it needs (an application's round, a review's reviewer), readable after
the app context that made it ends (see base.py). tests/whole_app/test_factories.py checks
that every model has one."""

from tests.factories.accounts import (
    PASSWORD,
    InvitationFactory,
    RecoveryCodeFactory,
    RoleGrantFactory,
    UserFactory,
    admin,
    officer,
)
from tests.factories.base import ModelFactory
from tests.factories.consultation_answers import AnswerFileFactory, FormatRequestFactory
from tests.factories.consultation_materials import (
    ConsultationDocumentFactory,
    ConsultationEventFactory,
)
from tests.factories.consultation_outcomes import (
    ConsultationOutcomeFactory,
    ThemeOutcomeFactory,
)
from tests.factories.consultations import (
    AnswerFactory,
    ConsultationFactory,
    ConsultationResponseFactory,
    PageRouteFactory,
    QuestionFactory,
    QuestionPageFactory,
)
from tests.factories.count_snapshots import CountSnapshotFactory
from tests.factories.directory import (
    ChangeRequestFactory,
    ClaimRequestFactory,
    DirectoryImportFactory,
    EditorInvitationFactory,
    EntryReportFactory,
    LocationFactory,
    OrganisationFactory,
    OrganisationTermFactory,
    SearchTextFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)
from tests.factories.erasure import ErasureRequestFactory
from tests.factories.monitoring import MonitoringResponseFactory
from tests.factories.notifications import EmailOptOutFactory
from tests.factories.opportunities import (
    OpportunityAwardFactory,
    OpportunityCommunityFactory,
    OpportunityEmailOptInFactory,
    OpportunityFactory,
    OpportunityResponseFactory,
)
from tests.factories.panels import PanelFactory, PanelMembershipFactory
from tests.factories.policies import (
    ImpactAssessmentFactory,
    ImpactSectionFactory,
    PolicyCommentFactory,
    PolicyFactory,
    PolicyParagraphFactory,
    PolicyVersionFactory,
    SupportRequestFactory,
    VersionDocumentFactory,
)
from tests.factories.records import AuditEventFactory, OutboxMessageFactory
from tests.factories.recruitment import (
    ApplicationAnswerFactory,
    ApplicationFactory,
    CriterionFactory,
    InterviewSlotFactory,
    PanelChoiceFactory,
    RoundDocumentFactory,
    RoundFactory,
    RoundQuestionFactory,
)
from tests.factories.reference import LocalAuthorityFactory
from tests.factories.scoring import CriterionScoreFactory, ModeratedScoreFactory, ReviewFactory
from tests.factories.stories import (
    SafeguardingPhraseFactory,
    StoryDraftFactory,
    StoryFactory,
    StoryReplyFactory,
)
from tests.factories.strategy import (
    MeasureValueFactory,
    ObjectiveFactory,
    ObjectiveItemFactory,
    PriorityFactory,
    StrategyFactory,
    SuccessMeasureFactory,
)
from tests.factories.themes import (
    AnalystNoteFactory,
    CodeframeFactory,
    ThemeCodeFactory,
    ThemeFactory,
)

__all__ = [
    "PASSWORD",
    "AnalystNoteFactory",
    "AnswerFactory",
    "AnswerFileFactory",
    "ApplicationAnswerFactory",
    "ApplicationFactory",
    "AuditEventFactory",
    "ChangeRequestFactory",
    "ClaimRequestFactory",
    "CodeframeFactory",
    "ConsultationDocumentFactory",
    "ConsultationEventFactory",
    "ConsultationFactory",
    "ConsultationOutcomeFactory",
    "ConsultationResponseFactory",
    "CountSnapshotFactory",
    "CriterionFactory",
    "CriterionScoreFactory",
    "DirectoryImportFactory",
    "EditorInvitationFactory",
    "EmailOptOutFactory",
    "EntryReportFactory",
    "ErasureRequestFactory",
    "FormatRequestFactory",
    "ImpactAssessmentFactory",
    "ImpactSectionFactory",
    "InterviewSlotFactory",
    "InvitationFactory",
    "LocalAuthorityFactory",
    "LocationFactory",
    "MeasureValueFactory",
    "ModelFactory",
    "ModeratedScoreFactory",
    "MonitoringResponseFactory",
    "ObjectiveFactory",
    "ObjectiveItemFactory",
    "OpportunityAwardFactory",
    "OpportunityCommunityFactory",
    "OpportunityEmailOptInFactory",
    "OpportunityFactory",
    "OpportunityResponseFactory",
    "OrganisationFactory",
    "OrganisationTermFactory",
    "OutboxMessageFactory",
    "PageRouteFactory",
    "PanelChoiceFactory",
    "PanelFactory",
    "PanelMembershipFactory",
    "PolicyCommentFactory",
    "PolicyFactory",
    "PolicyParagraphFactory",
    "PolicyVersionFactory",
    "PriorityFactory",
    "QuestionFactory",
    "QuestionPageFactory",
    "RecoveryCodeFactory",
    "ReviewFactory",
    "RoleGrantFactory",
    "RoundDocumentFactory",
    "RoundFactory",
    "RoundQuestionFactory",
    "SafeguardingPhraseFactory",
    "SearchTextFactory",
    "ServiceAtLocationFactory",
    "ServiceFactory",
    "StoryDraftFactory",
    "StoryFactory",
    "StoryReplyFactory",
    "StrategyFactory",
    "SuccessMeasureFactory",
    "SupportRequestFactory",
    "ThemeCodeFactory",
    "ThemeFactory",
    "ThemeOutcomeFactory",
    "UserFactory",
    "VersionDocumentFactory",
    "admin",
    "officer",
]
