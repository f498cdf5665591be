"""The contract's vocabulary (`../shared/spec/GRAPH-CONTRACT.md`) as rdflib namespaces.

`PG` is a closed `DefinedNamespace`: a mistyped term fails when the module is imported, not
when a query returns nothing. `PGR` is the open namespace of resources.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

PG_IRI = "https://w3id.org/parkgraph/ontology#"
PGR = Namespace("https://w3id.org/parkgraph/resource/")


class PG(DefinedNamespace):
    _NS = Namespace(PG_IRI)
    _fail = True

    # classes
    Park: URIRef
    Lab: URIRef
    Enterprise: URIRef
    University: URIRef
    GovernmentBody: URIRef
    Organization: URIRef
    Fund: URIRef
    Policy: URIRef
    Person: URIRef
    Place: URIRef
    Industry: URIRef
    Award: URIRef
    Event: URIRef
    Project: URIRef
    Document: URIRef
    Observation: URIRef
    Role: URIRef
    Entity: URIRef
    # relations
    locatedIn: URIRef
    partOf: URIRef
    ledBy: URIRef
    establishedBy: URIRef
    affiliatedWith: URIRef
    worksFor: URIRef
    implements: URIRef
    industry: URIRef
    receivedAward: URIRef
    cooperatesWith: URIRef
    # entity data
    mentionCount: URIRef
    mentionedIn: URIRef
    foundingYear: URIRef
    recognizedBy: URIRef
    correctedBy: URIRef
    # roles
    person: URIRef
    organization: URIRef
    title: URIRef
    # observations
    observedEntity: URIRef
    indicator: URIRef
    year: URIRef
    value: URIRef
    unit: URIRef
    growthRate: URIRef
    months: URIRef
    sourceText: URIRef
    # units
    CNY: URIRef
    USD: URIRef
    Percent: URIRef
    Count: URIRef
    # indicators
    GDP: URIRef
    IndustrialValueAdded: URIRef
    IndustrialOutput: URIRef
    FixedAssetInvestment: URIRef
    RDIntensity: URIRef
    TechTransactionVolume: URIRef
    DigitalEconomyValueAdded: URIRef
    ForeignInvestmentUtilized: URIRef
    InventionPatentsGranted: URIRef
    PatentsGranted: URIRef
    InventionPatentsPer10k: URIRef
    TalentInflow: URIRef
    GraduateInflow: URIRef
    ListedCompanies: URIRef
    HighTechEnterprises: URIRef
    NewEnterprises: URIRef
    Revenue: URIRef
    TotalInvestment: URIRef
    Indicator: URIRef
    Unit: URIRef
    # documents and evidence
    sourceFile: URIRef
    sha256: URIRef
    evidenceText: URIRef
    charStart: URIRef
    charEnd: URIRef
    confidence: URIRef
    extractor: URIRef


ENTITY_CLASSES = ("Park", "Lab", "Enterprise", "University", "GovernmentBody", "Organization", "Fund",
                  "Policy", "Person", "Place", "Industry", "Award", "Event", "Project")
RELATIONS = ("locatedIn", "partOf", "ledBy", "establishedBy", "affiliatedWith", "worksFor", "implements",
             "industry", "receivedAward", "cooperatesWith")

# The classes each relation's subject and object may have, as the contract and the shapes say
# (None: any class). The graph writer drops a fact outside them: a pattern's slot may accept more
# than the contract does (a mayor's city is a place, not an employer).
_ORG = frozenset({"Park", "Lab", "Enterprise", "University", "GovernmentBody", "Organization", "Fund"})
RELATION_CLASSES: dict[str, tuple[frozenset[str] | None, frozenset[str] | None]] = {
    "locatedIn": (None, frozenset({"Park", "Place"})),
    "partOf": (frozenset({"Park"}), frozenset({"Park"})),
    "ledBy": (frozenset({"Lab", "Organization", "Project", "Park"}), _ORG),
    "establishedBy": (None, _ORG | {"Place"}),
    "affiliatedWith": (frozenset({"Lab"}), frozenset({"University", "Lab", "Enterprise", "Organization"})),
    "worksFor": (frozenset({"Person"}), _ORG),
    "implements": (_ORG | {"Place"}, frozenset({"Policy"})),
    # a district that acts as a development zone (青川东湖区) has industries too
    "industry": (frozenset({"Enterprise", "Park", "Lab", "Place"}), frozenset({"Industry"})),
    "receivedAward": (None, frozenset({"Award"})),
    "cooperatesWith": (_ORG, _ORG),
}


def relation_allowed(predicate: str, subject_class: str | None, object_class: str | None) -> bool:
    """Whether the contract lets a relation join entities of these classes."""
    subjects, objects = RELATION_CLASSES.get(predicate, (None, None))
    return (subjects is None or subject_class in subjects) and (objects is None or object_class in objects)
