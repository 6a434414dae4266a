"""The vocabularies kg writes (W3C ORG, schema.org, ELI, PROV-O, SKOS, OWL-Time) and its own ``kg:`` namespace.

Kept apart from extraction and serialization so that reading or querying a graph needs only this module. The
namespaces are closed: ORG, schema.org and PROV-O are rdflib's own, and ``KG`` holds exactly the terms
``ontology/kg.ttl`` declares (tests/test_namespaces.py keeps the two equal), so a misspelt term fails where it
is written instead of minting an undeclared IRI.
"""

from __future__ import annotations

from rdflib import RDFS, SKOS, TIME, XSD, Namespace
from rdflib.namespace import ORG, PROV, SDO, ClosedNamespace

KG_TERMS = (
    "Abbreviation", "AdministrativeLevel", "AgencyHead", "ChairVerb", "City", "ClauseWord", "Country", "CreditHead",
    "DayPart", "Degree", "DocumentType", "DocumentTypes", "EventHead", "EventNameEnd", "EventNameNonStart", "Evidence",
    "FacilityHead", "FamilyName", "FormerMarker", "HoldsMarker", "Honorific", "Honour", "IssuerCode", "KnownBody",
    "MiddleName", "NameParticle", "NewMarker", "NewsAgency", "ObjectPreposition", "OrganizationKind",
    "OrganizationKinds", "OrganizationWord", "OrganizationWords", "PersonAsideWord", "Place", "PlaceKind",
    "PlaceQualifier", "PluralMarker", "Preposition", "Province", "Rank", "ReportingVerb", "Role", "Roles",
    "SentenceOpener", "SourcePrefix", "SpeechVerb", "StopWord", "StopWords", "Territory", "TimeOpener", "TitleForm",
    "TitleForms", "administrativeLevel", "boardOfNextBody", "chaired", "confidence", "end", "expansion", "form",
    "heldFormerly", "homeCountry", "impliedOrganization", "inArticle", "issuerKind", "kind", "officialHonorific",
    "ordinal", "organizationHead", "organizationLabel", "partyBody", "partyRole", "placeKind", "postedAbroad", "quote",
    "requiresOrganization", "role", "rule", "sentence", "short", "spokeAt", "start", "symbolCode", "symbolIssuerKind",
    "symbolPattern", "takesPlace", "term", "sourceDigest",
    # documents' word classes (ontology/language.ttl) and the generic-type flag (ontology/documents.ttl)
    "AgentMarker", "Auxiliary", "DatingVerb", "FollowUpOpener", "IssueVerb", "MeasureWord", "OnBehalfMarker",
    "PossessiveMarker", "ReferencePreposition", "ReferringVerb", "SigningVerb", "TermQualifier",
    "genericDocumentType", "namedDocumentType", "Demonstrative",
    # people's word classes (ontology/language.ttl)
    "ChainConjunction", "ListConjunction", "ListIntroducer", "PostingPreposition",
    # the words the document, event and person grammars still held as literals (ontology/language.ttl)
    "AnnouncingVerb", "DocumentDayPart", "EventQualifier", "NameConjunction", "NameOrdinalMarker",
    "OrdinalEventHead", "OrdinalMarker", "SubjectEnd", "SubjectMarker", "TenseMarker", "TermMarker",
    "TrailingConjunction", "VenueLevel", "VenuePreposition",
    # cross-article linking (ontology/linking.ttl, kg.link.across) and what it says of persons
    "CareerFamily", "CareerFamilies", "careerFamily", "ProvincialLeadership", "NationalLeadership", "Journalist",
    "identityScope", "assemblySeat", "placeBound", "GivenName",
    # the registry of canonical bodies (ontology/organizations.ttl, places.ttl; kg.knowledge.registry)
    "centralCity", "departmentOf", "foreignBody", "mergedInto", "mergedOn", "parentKind", "partOf",
    "provinceBeforeMerger", "provinceAfterMerger", "provincialBody",
    # document identity across articles (ontology/documents.ttl)
    "nationalIssuer", "partySymbol",
    # names that are no person's (ontology/brands.ttl)
    "Brand", "SportsClub", "StaffCredit",
    # personnel changes (ontology/changes.ttl, kg.extract.changes)
    "PersonnelChange", "ChangeKind", "ChangeKinds", "ChangeHedge", "ChangeLink", "changeVerb", "gainsPost",
    "changeKind", "person", "toPost", "fromPost", "ChangeNonVerb", "ownAct", "PassiveMarker",
    "ChangeObjectMarker", "ChangeRoleMarker", "ChangeSelfVerb", "ChangeBreak", "ChangeSequence", "ChangeMemberMarker",
    "ChangeFromMarker", "memberRole", "pronoun",
    # tenures (ontology/tenures.ttl, kg.link.tenures)
    "endsTenure", "singleHolder", "post", "firstAttested", "lastAttested", "attestations", "endedBefore", "ended",
)

KG = ClosedNamespace("https://w3id.org/kg-vn/ns#", list(KG_TERMS))
SCHEMA = SDO
ELI = Namespace("http://data.europa.eu/eli/ontology#")

PREFIXES = {"kg": KG, "org": ORG, "schema": SCHEMA, "eli": ELI, "prov": PROV, "skos": SKOS, "rdfs": RDFS,
            "time": TIME, "xsd": XSD}
