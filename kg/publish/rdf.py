"""Facts → rdflib graph in the standard vocabularies (ORG, schema.org, ELI, PROV, SKOS), and serializers.

The contract users and the referee rely on:

* ``?p a schema:Person ; schema:name ?n ; org:holds ?post . ?post a org:Post ; rdfs:label ?title ;
  org:role ?role ; org:postIn ?org . ?role rdfs:label ?r . ?org a org:Organization ; rdfs:label ?o .``
* ``?d a eli:LegalResource ; eli:id_local ?n ; eli:type_document ?t ; eli:date_document ?date ;
  eli:passed_by ?issuer . ?t skos:prefLabel ?type .`` One node per document across articles
  (``kg.link.documents``), with one ``eli:id_local``, the normalised symbol; the symbol as written, when it
  differs, is a ``skos:altLabel``.
* Evidence: each extracted triple has an ``rdf:Statement`` (subject, predicate, object) with
  ``prov:wasDerivedFrom`` an evidence node: ``kg:inArticle``, ``kg:start``/``kg:end`` (offsets in the text as
  given), ``kg:quote``, ``kg:sentence``, ``kg:rule``, ``kg:confidence``.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, RDFS, SKOS, TIME, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV

from kg.extract.facts import ArticleFacts, Change, Evidence, Organization, Post
from kg.knowledge import Knowledge, default_knowledge
from kg.link.documents import DocumentIdentity
from kg.link.tenures import Tenure
from kg.namespaces import ELI, KG, ORG, PREFIXES, SCHEMA
from kg.publish.iris import IRIs


def prefixes_for(iris: IRIs) -> dict[str, str]:
    """Every prefix a kg graph uses, the minted-entity base included (as ``id``)."""
    return {**{p: str(ns) for p, ns in PREFIXES.items()}, "rdf": str(RDF), "id": iris.base}


def vi(text: str) -> Literal:
    """A Vietnamese natural-language literal: every name, label, headline, quote and sentence is tagged ``@vi``;
    identifiers, codes, rule names, numbers and dates stay plain or typed (README, "The graph")."""
    return Literal(text, lang="vi")


class GraphBuilder:
    """Adds one article's facts at a time to a graph (or to the article's own named graph)."""

    def __init__(self, iris: IRIs | None = None, knowledge: Knowledge | None = None) -> None:
        self.iris = iris or IRIs()
        self._knowledge = knowledge
        self._documents: DocumentIdentity | None = None

    @property
    def documents(self) -> DocumentIdentity:
        """Document identities across articles (built on first use: loading the knowledge takes a second)."""
        if self._documents is None:
            self._documents = DocumentIdentity(self._knowledge or default_knowledge())
        return self._documents

    def new_graph(self, bind: bool = True) -> Graph:
        g = Graph(bind_namespaces="none") if not bind else Graph()
        if not bind:  # a per-article graph for kg.publish.writers, which writes its own prefixes
            return g
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        g.bind("id", Namespace(self.iris.base))
        return g

    def add(self, g: Graph, facts: ArticleFacts) -> None:
        iris = self.iris
        art = URIRef(iris.article(facts.article_id))
        g.add((art, RDF.type, SCHEMA.NewsArticle))
        g.add((art, SCHEMA.identifier, Literal(facts.article_id)))
        if facts.title:
            g.add((art, SCHEMA.headline, vi(facts.title)))
        if facts.date:
            g.add((art, SCHEMA.datePublished, Literal(facts.date, datatype=XSD.date)))
        if facts.url:
            g.add((art, SCHEMA.url, Literal(facts.url, datatype=XSD.anyURI)))
        if facts.source:
            pub = URIRef(iris.org(facts.source))
            g.add((art, SCHEMA.publisher, pub))
            g.add((pub, RDF.type, SCHEMA.Organization))
            g.add((pub, SCHEMA.name, vi(facts.source)))

        for p in facts.posts:
            person = self._person(g, art, facts, p.person.name, p.person.forms)
            post = URIRef(self._post_iri(facts, p))
            role = URIRef(p.role_iri) if p.role_iri else URIRef(iris.role(p.role))
            g.add((post, RDF.type, ORG.Post))
            g.add((post, RDFS.label, vi(p.title)))
            g.add((post, ORG.role, role))
            g.add((role, RDF.type, ORG.Role))
            g.add((role, RDFS.label, vi(p.role)))
            if p.org:
                org = self._org(g, art, p.org)
                g.add((post, ORG.postIn, org))
            pred = KG.heldFormerly if p.former else ORG.holds
            g.add((person, pred, post))
            self._statement(g, facts, person, pred, post, p.evidence)

        doc_nodes: dict[str, URIRef] = {}  # a document's number → its node (a change's decision)
        for d in facts.documents:
            key = self.documents.key(d, facts.identities)
            doc = URIRef(iris.document(key.symbol, d.type_label, facts.article_id if key.scoped else None,
                                       key.qualifiers))
            doc_nodes.setdefault(d.number, doc)
            g.add((doc, RDF.type, ELI.LegalResource))
            g.add((doc, ELI.id_local, Literal(key.symbol)))
            if d.number != key.symbol:  # the symbol as this article writes it ("58/2016/QĐ-Ttg")
                g.add((doc, SKOS.altLabel, Literal(d.number)))
            g.add((art, SCHEMA.mentions, doc))
            self._statement(g, facts, doc, ELI.id_local, Literal(key.symbol), d.evidence)
            if d.type_iri:
                t = URIRef(d.type_iri)
                g.add((doc, ELI.type_document, t))
                g.add((t, RDF.type, SKOS.Concept))
                g.add((t, SKOS.prefLabel, vi(d.type_label or "")))
                g.add((t, SKOS.inScheme, KG.DocumentTypes))
            if d.date:
                date = Literal(d.date, datatype=XSD.date)
                g.add((doc, ELI.date_document, date))
                self._statement(g, facts, doc, ELI.date_document, date, d.date_evidence or d.evidence)
            if d.issuer:
                issuer = self._org(g, art, d.issuer)
                g.add((doc, ELI.passed_by, issuer))
                self._statement(g, facts, doc, ELI.passed_by, issuer, d.issuer_evidence or d.evidence)
            if d.symbol_issuer_kind:
                g.add((doc, KG.symbolIssuerKind, vi(d.symbol_issuer_kind)))
            if d.subject:
                g.add((doc, ELI.description, vi(d.subject)))

        for n, c in enumerate(facts.credits, start=1):
            person = self._person(g, art, facts, c.person, (), credit=True)
            if c.kind == "photo":
                image = URIRef(iris.image(facts.article_id, n))
                g.add((image, RDF.type, SCHEMA.ImageObject))
                g.add((art, SCHEMA.associatedMedia, image))
                g.add((image, SCHEMA.creator, person))
                self._statement(g, facts, image, SCHEMA.creator, person, c.evidence)
                target = image
            else:
                g.add((art, SCHEMA.author, person))
                self._statement(g, facts, art, SCHEMA.author, person, c.evidence)
                target = art
            if c.agency:
                agency = self._org(g, art, Organization(c.agency))
                g.add((agency, RDF.type, SCHEMA.NewsMediaOrganization))
                g.add((target, SCHEMA.copyrightHolder, agency))

        for e in facts.events:
            event = URIRef(iris.event(facts.article_id, e.label))
            g.add((event, RDF.type, SCHEMA.Event))
            g.add((event, SCHEMA.name, vi(e.label)))
            g.add((art, SCHEMA.mentions, event))
            self._statement(g, facts, event, SCHEMA.name, vi(e.label), e.evidence)
            if e.date:
                g.add((event, SCHEMA.startDate, Literal(e.date, datatype=XSD.date)))
            if e.place:
                g.add((event, SCHEMA.location, vi(e.place)))
            if e.ordinal:
                g.add((event, KG.ordinal, Literal(e.ordinal)))
            if e.term:
                g.add((event, KG["term"], Literal(e.term)))
            for name, part in e.participants:
                person = self._person_iri(facts, name)
                pred = KG.spokeAt if part == "speaker" else KG.chaired
                g.add((person, pred, event))

        for c in facts.changes:
            self._change(g, art, facts, c, doc_nodes)
        for t in facts.identities.values():
            if isinstance(t, Tenure):
                self._tenure(g, facts, t)

    def _tenure(self, g: Graph, facts: ArticleFacts, t: Tenure) -> None:
        """A tenure (``kg.link.tenures``), published by one article that states it: an org:Membership of the
        person in the post's body in its role, during a time:Interval begun and ended where changes say when,
        first and last attested, derived from the changes and the statements of holding."""
        where, i = t.at
        post = facts.posts[i] if where == "post" else getattr(facts.changes[i], f"{where}_post")
        iris = self.iris
        node = URIRef(iris.tenure(t.key))
        person, post_node = self._person_iri(facts, t.name), URIRef(self._post_iri(facts, post))
        during = URIRef(f"{node}/during")
        g.add((node, RDF.type, ORG.Membership))
        g.add((node, ORG.member, person))
        g.add((node, ORG.role, URIRef(post.role_iri) if post.role_iri else URIRef(iris.role(post.role))))
        if post.org:
            g.add((node, ORG.organization, URIRef(iris.org(post.org.label, post.org.scope))))
        g.add((node, KG.post, post_node))
        g.add((node, ORG.memberDuring, during))
        g.add((during, RDF.type, TIME.Interval))
        for pred, suffix, date in ((TIME.hasBeginning, "begin", t.start), (TIME.hasEnd, "end", t.end)):
            if date:
                instant = URIRef(f"{node}/{suffix}")
                g.add((during, pred, instant))
                g.add((instant, RDF.type, TIME.Instant))
                g.add((instant, TIME.inXSDDate, Literal(date, datatype=XSD.date)))
        if t.ended_before:
            g.add((during, KG.endedBefore, Literal(t.ended_before, datatype=XSD.date)))
        if t.ended:
            g.add((during, KG.ended, Literal(True)))
        for pred, date in ((KG.firstAttested, t.first_seen), (KG.lastAttested, t.last_seen)):
            if date:
                g.add((node, pred, Literal(date, datatype=XSD.date)))
        g.add((node, KG.attestations, Literal(t.attestations)))
        for article, former in t.held:
            holds = KG.heldFormerly if former else ORG.holds
            g.add((node, PROV.wasDerivedFrom, URIRef(iris.statement(article, str(person), str(holds),
                                                                    str(post_node)))))
        for article, start, name, kind in t.changes:
            g.add((node, PROV.wasDerivedFrom, URIRef(iris.change(article, start, name, kind))))

    def _change(self, g: Graph, art: URIRef, facts: ArticleFacts, c: Change, docs: dict[str, URIRef]) -> None:
        """A personnel change: kg:PersonnelChange (a prov:Activity and a schema:Event) of its kind, its person, the
        post taken and left (when the text names one), its date, deciding body, decision and term, with
        evidence."""
        node = URIRef(self.iris.change(facts.article_id, c.evidence.start, c.person, c.kind))
        g.add((node, RDF.type, KG.PersonnelChange))
        g.add((node, KG.changeKind, URIRef(c.kind)))
        # a post made the person's node, unless the change names none
        g.add((node, KG.person, self._person(g, art, facts, c.person, ()) if c.postless else
               self._person_iri(facts, c.person)))
        g.add((art, SCHEMA.mentions, node))
        self._statement(g, facts, node, KG.changeKind, URIRef(c.kind), c.evidence)
        for pred, post in ((KG.toPost, c.to_post), (KG.fromPost, c.from_post)):
            if post is not None:
                g.add((node, pred, URIRef(self._post_iri(facts, post))))
        if c.date:
            g.add((node, SCHEMA.startDate, Literal(c.date, datatype=_date_type(c.date))))
        if c.decider:
            g.add((node, PROV.wasAssociatedWith, self._org(g, art, c.decider)))
        if c.decision and c.decision in docs:
            g.add((node, PROV.used, docs[c.decision]))
        if c.term:
            g.add((node, KG["term"], Literal(c.term)))

    def _post_iri(self, facts: ArticleFacts, p: Post) -> str:
        """One post per (role, body); a role with no body is the article's own."""
        return (self.iris.post(p.role, p.org.label, p.org.scope) if p.org
                else self.iris.post(p.role, None, facts.article_id))

    def _person_iri(self, facts: ArticleFacts, name: str, credit: bool = False) -> URIRef:
        ident = facts.identities.get((name, credit))
        return URIRef(self.iris.person_key(ident.key) if ident else self.iris.person(name))

    def _person(self, g: Graph, art: URIRef, facts: ArticleFacts, name: str, forms: Iterable[str],
                credit: bool = False) -> URIRef:
        """The person a mention is: its IRI and one ``schema:name`` as cross-article linking decided (the
        article's own forms as ``schema:alternateName``), else by name alone."""
        ident = facts.identities.get((name, credit))
        person = self._person_iri(facts, name, credit)
        canonical = ident.name if ident else name
        g.add((person, RDF.type, SCHEMA.Person))
        g.add((person, SCHEMA.name, vi(canonical)))
        for form in {name, *forms}:
            if form != canonical:
                g.add((person, SCHEMA.alternateName, vi(form)))
        if ident is not None and ident.journalist:
            g.add((person, RDF.type, KG.Journalist))
        if ident is not None and ident.scope:
            g.add((person, KG.identityScope, art))
        g.add((art, SCHEMA.mentions, person))
        return person

    def _org(self, g: Graph, art: URIRef, org: Organization) -> URIRef:
        """An organization node: its canonical label (rdfs:label and skos:prefLabel), the written forms as
        skos:altLabel, and what the registry makes certain (org:subOrganizationOf, kg:mergedInto)."""
        node = self._body(g, org.label, org.scope)
        for form in org.forms:
            if form and form != org.label and len(form) > 1:
                g.add((node, SKOS.altLabel, vi(form)))
        if org.parent:
            g.add((node, ORG.subOrganizationOf, self._body(g, org.parent)))
        if org.merged_into:
            g.add((node, KG.mergedInto, self._body(g, org.merged_into)))
        g.add((art, SCHEMA.mentions, node))
        return node

    def _body(self, g: Graph, label: str, scope: str | None = None) -> URIRef:
        node = URIRef(self.iris.org(label, scope))
        g.add((node, RDF.type, ORG.Organization))
        g.add((node, RDFS.label, vi(label)))
        g.add((node, SKOS.prefLabel, vi(label)))
        return node

    def _statement(self, g: Graph, facts: ArticleFacts, s: URIRef, p: URIRef, o: URIRef | Literal,
                   ev: Evidence) -> None:
        iris = self.iris
        st = URIRef(iris.statement(facts.article_id, str(s), str(p), str(o)))
        node = URIRef(iris.evidence(facts.article_id, ev.start, ev.end, ev.rule, ev.confidence))
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, s))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, o))
        g.add((st, PROV.wasDerivedFrom, node))
        g.add((node, RDF.type, KG.Evidence))
        g.add((node, KG.inArticle, URIRef(iris.article(facts.article_id))))
        g.add((node, KG.start, Literal(ev.start)))
        g.add((node, KG.end, Literal(ev.end)))
        g.add((node, KG.quote, vi(facts.text[ev.start : ev.end])))
        if ev.sentence_end > ev.sentence_start:
            g.add((node, KG.sentence, vi(facts.text[ev.sentence_start : ev.sentence_end])))
        g.add((node, KG.rule, Literal(ev.rule)))
        g.add((node, KG.confidence, Literal(ev.confidence, datatype=XSD.decimal)))


def build_graph(all_facts: Iterable[ArticleFacts], iris: IRIs | None = None) -> Graph:
    """One graph holding every article's facts."""
    builder = GraphBuilder(iris)
    g = builder.new_graph()
    for facts in all_facts:
        builder.add(g, facts)
    return g


def build_dataset(all_facts: Iterable[ArticleFacts], iris: IRIs | None = None) -> Dataset:
    """A dataset with one named graph per article (the article's IRI names its graph)."""
    builder = GraphBuilder(iris)
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    for facts in all_facts:
        g = ds.graph(URIRef(builder.iris.article(facts.article_id)))
        builder.add(g, facts)
    return ds


def _date_type(date: str) -> URIRef:
    """The XSD type of a date as precise as the text wrote it: ``YYYY-MM-DD``, ``--MM-DD``, ``YYYY-MM``, ``YYYY``."""
    if date.startswith("--"):
        return XSD.gMonthDay
    return {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(date), XSD.date)
