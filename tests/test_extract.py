"""The batch core: articles in memory in, claims out in input order, one
article's failure reported on that article only; the same claims in
process and in forked workers."""

import pytest

from claimcli.pipeline.batch import ArticleResult, extract_batch
from claimcli.pipeline.extract import extract_articles, extract_text, make_classifier
from claimcli.text.reading import article_from_bytes

pytestmark = pytest.mark.slow

FERRY = "Ferry Fares\n\nHarbour master Lena Fischer said fares would rise in May.\n"
STRIKE = "Dock Strike\n\n“We will not go back,” said Tomas Berg, the union's negotiator.\n"


@pytest.fixture(scope="module")
def classifier():
    return make_classifier(None)


def test_batch_yields_each_article_in_input_order_with_ids_of_its_identity(nlp, classifier):
    arts = [article_from_bytes(FERRY.encode(), "a.txt", "s3://news/a.txt"),
            article_from_bytes(STRIKE.encode(), "b.txt", "s3://news/b.txt"),
            article_from_bytes(FERRY.encode(), "a.txt", "s3://wire/a.txt")]
    out = list(extract_batch(iter(arts), nlp, classifier, batch_size=2))
    assert [r.article.key for r in out] == ["s3://news/a.txt", "s3://news/b.txt", "s3://wire/a.txt"]
    assert all(r.error is None for r in out)
    fischer = [c for c in out[0].claims if c.speaker == "Lena Fischer"]
    assert [c.text for c in fischer] == ["Harbour master Lena Fischer said fares would rise in May."]
    assert [c.speaker for c in out[1].claims if c.attribution == "direct"] == ["Tomas Berg"]
    # the same bytes under another key: the same claims, other ids
    assert [c.text for c in out[2].claims] == [c.text for c in out[0].claims]
    assert not {c.id for c in out[0].claims} & {c.id for c in out[2].claims}
    assert {c.article_key for c in out[2].claims} == {"s3://wire/a.txt"}


class Exploding:
    """A classifier that fails on one article's text: a bug in the analysis."""

    def __init__(self, inner, word):
        self.inner, self.word = inner, word

    def __getattr__(self, name):          # everything else as the real classifier has it
        return getattr(self.inner, name)

    def classify(self, span, offset, **context):
        if self.word in span.text:
            raise ValueError(f"cannot classify {self.word!r}")
        return self.inner.classify(span, offset, **context)


def test_a_failing_article_is_reported_and_the_batch_goes_on(nlp, classifier):
    arts = [article_from_bytes(t.encode(), n, f"/in/{n}") for t, n in ((FERRY, "a.txt"), (STRIKE, "b.txt"),
                                                                       (FERRY, "c.txt"))]
    out = list(extract_batch(arts, nlp, Exploding(classifier, "Tomas"), batch_size=64))
    assert [(r.article.name, r.error) for r in out] == [
        ("a.txt", None),
        ("b.txt", "/in/b.txt: analysis failed (ValueError: cannot classify 'Tomas')"),
        ("c.txt", None)]
    assert out[1].claims == [] and isinstance(out[1].exc, ValueError)
    assert len(out[0].claims) == len(out[2].claims) > 0


def test_extract_text_raises_what_the_analysis_raises(nlp, classifier, monkeypatch):
    from claimcli.pipeline import extract as ex

    monkeypatch.setattr(ex, "make_classifier", lambda profile, labeller=None: Exploding(classifier, "Tomas"))
    with pytest.raises(ValueError, match="cannot classify 'Tomas'"):
        extract_text(STRIKE, nlp=nlp)
    assert [c.speaker for c in extract_text(FERRY, nlp=nlp) if c.speaker] == ["Lena Fischer"]


def test_forked_workers_give_the_same_results_as_one_process(nlp, tmp_path):
    paths = []
    for i in range(6):
        p = tmp_path / f"{i}.txt"
        p.write_text((FERRY, STRIKE)[i % 2].replace("May", f"month {i}"), encoding="utf-8")
        paths.append(str(p))
    paths.insert(3, str(tmp_path / "gone.txt"))
    one = list(extract_articles(paths, nlp=nlp, n_process=1))
    two = list(extract_articles(paths, nlp=nlp, n_process=2))

    def view(results: list[ArticleResult]):
        return [(r.article.key if r.article else None, r.error, [c.record() for c in r.claims]) for r in results]

    assert view(two) == view(one)
    assert [r.error for r in one] == [None] * 3 + [f"{tmp_path / 'gone.txt'}: no such file"] + [None] * 3
