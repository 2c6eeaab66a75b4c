"""Attributed sentences into labelled claims: each sentence becomes a claim,
the classifier gives it its stance and reasons in the context of its
paragraph, and a claim with nothing to say about the topic is background."""

from __future__ import annotations

import re

from ..models import Article, Claim, Evidence
from ..attribution.passes import Sentence, attribute, is_direct, sentences_of


# A sentence that opens with one of these refers back to the sentence
# before it, across a paragraph break too ("Its response ...").
_ANAPHORA = re.compile(r"^[“\"'‘]?(it|its|they|their|this|these|such|the (country|organi[sz]ation|alliance|bloc|kremlin's|government|state))\b", re.I)


def _about_target(sents: list[Sentence], classifier) -> bool:
    """Is the article about the target: its headline names it, or a quarter
    of its sentences do? Then "that ally" or "the alliance" may stand for it
    in any paragraph."""
    if not sents:
        return False
    named = [classifier.mentions_target(s.span) for s in sents]
    return named[0] or sum(named) >= 0.25 * len(named)


def claims_of(article: Article, sents: list[Sentence], classifier=None, views: list | None = None) -> list[Claim]:
    """Claims with their labels. A claim's context names the target when an
    earlier sentence of its paragraph does, when it refers back ("Its
    response ...") to a sentence that does, or when its speaker's previous
    claim did. A claim that neither concerns the target, nor has a source,
    nor cites a reason is background: kept, flagged, left out of tables.

    With a trained labeller on the classifier (or a ``views`` list to fill,
    as training does), the rules' readings of each claim become the model's
    features and the model decides the stance and reasons."""
    own = article.claim_fields()
    claims = []
    readings = []
    prev = None
    prev_named = False                 # the previous sentence names the target
    about = classifier is not None and _about_target(sents, classifier)
    par_named: dict[int, bool] = {}    # paragraph -> a sentence so far names the target
    for s in sents:
        if s.speaker:
            kind = "direct" if s.verbatim or is_direct(article.text[s.start:s.end], s.share, s.opens_quoted) else "reported"
        else:
            kind = "author"
        text = article.text[s.start:s.end]
        claim = Claim(
            **own, text=text, start=s.start, end=s.end,
            speaker=s.speaker, speaker_role=s.role if s.speaker else None, speakers=list(s.speakers),
            attribution=kind, cue=s.cue if s.speaker else None,
        )
        claims.append(claim)
        if classifier is not None:
            named = classifier.mentions_target(s.span)
            context = par_named.get(s.par, False) or (prev_named and (
                bool(_ANAPHORA.match(text)) or (prev is not None and s.speaker is not None and prev.speaker == s.speaker)))
            res = classifier.classify(s.span, s.offset, context_target=context, speaker=s.speaker,
                                      role=s.role if s.speaker else None, article_about_target=about)
            claim.stance, claim.reasons, claim.evidence = res.stance, res.reasons, res.evidence
            claim.background = not (named or s.speaker or res.reasons or context or res.judged)
            readings.append((res, named, context))
            par_named[s.par] = par_named.get(s.par, False) or named
            prev_named = named
        prev = s
    if classifier is not None:
        _paragraph_stance(claims, sents, classifier.profile.default_stance)
        labeller = getattr(classifier, "labeller", None)
        if labeller is not None or views is not None:
            found = _views(claims, sents, readings, classifier, about)
            if views is not None:
                views.extend(found)
            if labeller is not None:
                labeller.relabel(claims, found)
                for claim, (res, named, context) in zip(claims, readings):
                    claim.background = not (named or claim.speaker or claim.reasons or context
                                            or claim.stance != classifier.profile.default_stance)
    return claims


def _views(claims: list[Claim], sents: list[Sentence], readings, classifier, about: bool) -> list:
    """What the trained labeller reads of each claim: its rule features,
    its paragraph's text and its speaker."""
    from ..judging.labeller import View, rule_features, span_tensor

    paragraph: dict[int, list[str]] = {}
    judged: dict[int, list[str]] = {}          # paragraph -> the rules' stances of its claims
    for claim, s in zip(claims, sents):
        paragraph.setdefault(s.par, []).append(claim.text)
        judged.setdefault(s.par, []).append(claim.stance)
    leaning = {st: sum(c.stance == st for c in claims) / len(claims) for st in {c.stance for c in claims}}
    headline = claims[0].text if claims else ""
    out, prev, prev_par = [], None, -1
    for claim, s, (res, named, context) in zip(claims, sents, readings):
        hits = classifier.hits(s.span)
        doc = s.span.doc
        others = list(judged[s.par])
        others.remove(claim.stance)
        feats = rule_features(claim, res, named=named, context=context, about=about,
                              speaker_is_target=classifier.speaks_for_target(claim.speaker, claim.speaker_role),
                              hits=hits, span=s.span,
                              prev_stance=prev.stance if prev is not None and prev_par == s.par else None,
                              neighbours=others, leaning=leaning, default=classifier.profile.default_stance)
        speaker = ", ".join(x for x in (claim.speaker, claim.speaker_role) if x)
        spans = {r: (s.offset + doc[a:b].start_char, s.offset + doc[a:b].end_char, text)
                 for r, (a, b, text) in hits.reasons.items()}
        out.append(View(claim.text, " ".join(paragraph[s.par]), speaker, feats, spans, span_tensor(s.span), headline))
        prev, prev_par = claim, s.par
    return out


def _paragraph_stance(claims: list[Claim], sents: list[Sentence], default: str) -> None:
    """A claim's stance is judged in its paragraph: where the author's own
    judgements of the target in a paragraph all point one way, the author's
    other sentences there about the target, judging nothing by themselves,
    take that stance ("that ally stood idly by. Its peacekeepers did not
    fire a shot. Food ran out; Russia issued statements.")."""
    by_par: dict[int, list[Claim]] = {}
    for claim, s in zip(claims, sents):
        if claim.attribution == "author" and not claim.background:
            by_par.setdefault(s.par, []).append(claim)
    for members in by_par.values():
        judged = {c.stance for c in members if c.stance != default}
        if len(judged) != 1:
            continue
        (stance,) = judged
        cue = next(e for c in members if c.stance == stance for e in c.evidence if e.reason == f"stance:{stance}")
        for c in members:
            if c.stance == default:
                c.stance = stance
                c.evidence.append(Evidence(cue.reason, cue.text, cue.start, cue.end, "in its paragraph"))


def analyse_article(article: Article, parsed, paragraphs, classifier=None, views: list | None = None) -> list[Claim]:
    sents = sentences_of(article, parsed)
    sents = attribute(article, sents, paragraphs)
    return claims_of(article, sents, classifier, views)
