import pytest


@pytest.fixture(scope="session")
def nlp():
    """The real English pipeline, loaded once for the whole session."""
    from claimcli.nlp.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def extract(nlp):
    from claimcli.pipeline.extract import extract_text

    def run(text: str):
        return extract_text(text, nlp=nlp)

    return run


def claim_with(claims, fragment: str):
    """The claim whose text contains ``fragment``."""
    found = [c for c in claims if fragment in c.text]
    assert found, f"no claim contains {fragment!r}: {[c.text for c in claims]}"
    return found[0]
