"""The extraction pipeline of registered passes (kg.extract.pipeline): declared inputs and outputs are checked,
and a pipeline is a list of names a user can change. Sentences written for these tests; names invented."""

from __future__ import annotations

import pytest

from kg.corpus import Article
from kg.extract import Extractor, default_extractor
from kg.extract.pipeline import DEFAULT_PIPELINE, PASSES, Work, check, register

TEXT = ("Chủ tịch UBND tỉnh Nam Định Phạm Văn Bình chủ trì Hội nghị tổng kết công tác năm 2025 của tỉnh. "
        "Quyết định số 12/QĐ-UBND ngày 3/4/2025 của UBND tỉnh Nam Định được công bố.\nẢnh: Minh Châu")


def test_every_default_pass_is_registered_with_a_description_and_the_order_is_valid() -> None:
    passes = check(DEFAULT_PIPELINE)
    assert [p.name for p in passes] == list(DEFAULT_PIPELINE)
    assert all(p.doc for p in passes)


def test_a_pass_that_needs_what_no_earlier_pass_gives_is_refused() -> None:
    with pytest.raises(ValueError, match="pass 'events' needs sentences, sentence_posts"):
        check(["events", "sentences", "posts"])
    with pytest.raises(ValueError, match="unknown pass 'entities'"):
        check(["sentences", "entities"])


def test_a_pipeline_is_a_list_of_names_leaving_a_pass_out_leaves_out_its_facts() -> None:
    x = default_extractor()
    full = x(Article(id="t", text=TEXT))
    assert full.posts and full.documents and full.events and full.credits
    lean = Extractor(x.knowledge, x.nlp, passes=[p for p in DEFAULT_PIPELINE if p != "credits"])(
        Article(id="t", text=TEXT))
    assert lean.credits == [] and lean.posts == full.posts and lean.documents == full.documents


def test_a_registered_pass_runs_in_its_place(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kg.extract.pipeline.PASSES", dict(PASSES))
    seen: list[int] = []

    @register("count-posts", needs=("posts",))
    def _count(x: Extractor, w: Work) -> None:
        """Counts the posts read so far."""
        seen.append(len(w.posts))

    x = default_extractor()
    Extractor(x.knowledge, x.nlp, passes=["sentences", "posts", "count-posts"])(Article(id="t", text=TEXT))
    assert seen == [1]
    with pytest.raises(ValueError, match="registered twice"):
        register("count-posts")(_count)
