"""The entity recognisers, in the order they run. Adding one is a module and a line here.

Each takes a `DocContext` and gives candidate `Mention`s (see `base.EntityRecognizer`); the
arbiter (`..arbiter`) alone decides which of overlapping candidates stand.
"""

from .aliases import AliasRecognizer
from .awards import AwardRecognizer
from .base import EntityRecognizer
from .coordinations import CoordinationRecognizer
from .enumerations import EnumerationRecognizer
from .industries import IndustryRecognizer
from .industry_lists import IndustryListRecognizer
from .industry_phrases import IndustryPhraseRecognizer
from .lexicon import LexiconRecognizer
from .model import ModelRecognizer
from .persons import PersonRecognizer
from .places import PlaceRecognizer
from .policy_phrases import PolicyPhraseRecognizer
from .quoted import QuotedNameRecognizer
from .references import ReferenceRecognizer
from .suffixes import SuffixRecognizer
from .trade_names import TradeNameRecognizer

RECOGNIZERS: tuple[type[EntityRecognizer], ...] = (
    LexiconRecognizer,
    PlaceRecognizer,
    IndustryRecognizer,
    IndustryListRecognizer,
    SuffixRecognizer,
    CoordinationRecognizer,
    QuotedNameRecognizer,
    PolicyPhraseRecognizer,
    AwardRecognizer,
    ModelRecognizer,
    PersonRecognizer,
    EnumerationRecognizer,
    TradeNameRecognizer,
    AliasRecognizer,
    IndustryPhraseRecognizer,
    ReferenceRecognizer,
)

__all__ = ["RECOGNIZERS", "EntityRecognizer", "LexiconRecognizer", "ModelRecognizer", "TradeNameRecognizer"]
