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
from tests.factories.monitoring import MonitoringResponseFactory
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
from tests.factories.strategy import (
    ObjectiveFactory,
    ObjectiveItemFactory,
    PriorityFactory,
    StrategyFactory,
    SuccessMeasureFactory,
)

__all__ = [
    "PASSWORD",
    "ApplicationAnswerFactory",
    "ApplicationFactory",
    "AuditEventFactory",
    "ChangeRequestFactory",
    "ClaimRequestFactory",
    "CriterionFactory",
    "CriterionScoreFactory",
    "DirectoryImportFactory",
    "EditorInvitationFactory",
    "EntryReportFactory",
    "ImpactAssessmentFactory",
    "ImpactSectionFactory",
    "InterviewSlotFactory",
    "InvitationFactory",
    "LocalAuthorityFactory",
    "LocationFactory",
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
    "PanelChoiceFactory",
    "PanelFactory",
    "PanelMembershipFactory",
    "PolicyCommentFactory",
    "PolicyFactory",
    "PolicyParagraphFactory",
    "PolicyVersionFactory",
    "PriorityFactory",
    "RecoveryCodeFactory",
    "ReviewFactory",
    "RoleGrantFactory",
    "RoundDocumentFactory",
    "RoundFactory",
    "RoundQuestionFactory",
    "SearchTextFactory",
    "ServiceAtLocationFactory",
    "ServiceFactory",
    "StrategyFactory",
    "SuccessMeasureFactory",
    "SupportRequestFactory",
    "UserFactory",
    "VersionDocumentFactory",
    "admin",
    "officer",
]
