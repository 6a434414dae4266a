"""Domain knowledge as data: ``files`` finds and reads ``ontology/*.ttl`` (loudly refusing an empty or
inconsistent knowledge base), ``tables`` turns it into the lookup tables extractors use, ``phrases`` holds the
phrase index and alternation mechanism. Nothing here knows extraction logic."""

from kg.knowledge.files import REQUIRED_CLASSES, KnowledgeError, ontology_dir
from kg.knowledge.phrases import PhraseIndex, alternation, phrase_key
from kg.knowledge.tables import Body, DocType, Knowledge, OrgKind, Place, Role, TitleForm, default_knowledge, load

__all__ = ["REQUIRED_CLASSES", "Body", "DocType", "Knowledge", "KnowledgeError", "OrgKind", "PhraseIndex", "Place",
           "Role", "TitleForm", "alternation", "default_knowledge", "load", "ontology_dir", "phrase_key"]
