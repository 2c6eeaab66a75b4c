"""Attributed sentences into labelled claims, each built once with its final
label: the rules read each sentence (in the context of its paragraph, whose
author's judgements its neutral sentences take), the trained labeller, if
any, decides from that reading, and a claim with nothing to say about the
topic is background."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..models import Article, Claim, Evidence
from ..attribution.passes import Sentence, attribute, is_direct, sentences_of


# A sentence that opens with one of these refers back to the sentence
# before it, across a paragraph break too ("Its response ...").
_ANAPHORA = re.compile(r"^[“\"'‘]?(it|its|they|their|this|these|such|the (country|organi[sz]ation|alliance|bloc|government|state))\b", re.I)


@dataclass(frozen=True)
class _Reading:
    """What the rules read of one sentence: its label (``reasons.Result``),
    whether it names the target, whether its context does, and whether it is
    background (it concerns nothing the profile asks about)."""
    label: object
    named: bool
    context: bool
    background: bool


def _about_target(sents: list[Sentence], classifier) -> bool:
    """Is the article about the target: its headline names it, or a quarter
    of its sentences do? Then "that ally" or "the alliance" may stand for it
    in any paragraph."""
    if not sents:
        return False
    named = [classifier.mentions_target(s.span) for s in sents]
    return named[0] or sum(named) >= 0.25 * len(named)


def _attribution(article: Article, s: Sentence) -> str:
    if not s.speaker:
        return "author"
    return "direct" if s.verbatim or is_direct(article.text[s.start:s.end], s.share, s.opens_quoted) else "reported"


def claims_of(article: Article, sents: list[Sentence], classifier=None, views: list | None = None) -> list[Claim]:
    """Claims with their labels. A claim's context names the target when an
    earlier sentence of its paragraph does, when it refers back ("Its
    response ...") to a sentence that does, or when its speaker's previous
    claim did. A claim that neither concerns the target, nor has a source,
    nor cites a reason is background: kept, flagged, left out of tables.

    With a trained labeller on the classifier (or a ``views`` list to fill,
    as training does), the rules' readings of each claim become the model's
    features and the model decides the stance and reasons."""
    texts = [article.text[s.start:s.end] for s in sents]
    kinds = [_attribution(article, s) for s in sents]
    labels: list = [None] * len(sents)
    background = [False] * len(sents)
    if classifier is not None:
        default = classifier.profile.default_stance
        about = _about_target(sents, classifier)
        readings = _read(sents, texts, classifier, about)
        labels = _in_paragraphs(readings, sents, kinds, default)
        background = [r.background for r in readings]
        labeller = getattr(classifier, "labeller", None)
        if labeller is not None or views is not None:
            found = _views(sents, texts, kinds, readings, labels, classifier, about)
            if views is not None:
                views.extend(found)
            if labeller is not None:
                labels = labeller.label(labels, found, [(s.start, s.end) for s in sents])
                background = [not (r.named or s.speaker or label.reasons or r.context or label.stance != default)
                              for r, s, label in zip(readings, sents, labels)]
    own = article.claim_fields()
    return [Claim(**own, text=text, start=s.start, end=s.end,
                  speaker=s.speaker, speaker_role=s.role if s.speaker else None, speakers=list(s.speakers),
                  attribution=kind, cue=s.cue if s.speaker else None, background=bg,
                  **({} if label is None else {
                      "stance": label.stance, "reasons": label.reasons, "evidence": label.evidence,
                      "stance_confidence": label.stance_confidence, "reason_confidence": label.reason_confidence}))
            for s, text, kind, label, bg in zip(sents, texts, kinds, labels, background)]


def _read(sents: list[Sentence], texts: list[str], classifier, about: bool) -> list[_Reading]:
    """The rules' reading of each sentence, in article order: whether the
    target is named there or in its context, and the classifier's label."""
    out = []
    prev = None
    prev_named = False                 # the previous sentence names the target
    par_named: dict[int, bool] = {}    # paragraph -> a sentence so far names the target
    for s, text in zip(sents, texts):
        named = classifier.mentions_target(s.span)
        context = par_named.get(s.par, False) or (prev_named and (
            bool(_ANAPHORA.match(text)) or (prev is not None and s.speaker is not None and prev.speaker == s.speaker)))
        res = classifier.classify(s.span, s.offset, context_target=context, speaker=s.speaker,
                                  role=s.role if s.speaker else None, article_about_target=about)
        out.append(_Reading(res, named, context, not (named or s.speaker or res.reasons or context or res.judged)))
        par_named[s.par] = par_named.get(s.par, False) or named
        prev_named = named
        prev = s
    return out


def _in_paragraphs(readings: list[_Reading], sents: list[Sentence], kinds: list[str], default: str) -> list:
    """The rules' labels, each judged in its paragraph: where the author's
    own judgements of the target in a paragraph all point one way, the
    author's other sentences there about the target, judging nothing by
    themselves, take that stance ("that ally stood idly by. Its
    peacekeepers did not fire a shot. Food ran out; Russia issued
    statements."), citing the judgement that gave it."""
    labels = [r.label for r in readings]
    by_par: dict[int, list[int]] = {}
    for i, (r, s, kind) in enumerate(zip(readings, sents, kinds)):
        if kind == "author" and not r.background:
            by_par.setdefault(s.par, []).append(i)
    for members in by_par.values():
        judged = {labels[i].stance for i in members if labels[i].stance != default}
        if len(judged) != 1:
            continue
        (stance,) = judged
        cue = next(e for i in members if labels[i].stance == stance
                   for e in labels[i].evidence if e.reason == f"stance:{stance}")
        for i in members:
            if labels[i].stance == default:
                labels[i] = replace(labels[i], stance=stance, evidence=[
                    *labels[i].evidence, Evidence(cue.reason, cue.text, cue.start, cue.end, "in its paragraph")])
    return labels


def _views(sents: list[Sentence], texts: list[str], kinds: list[str], readings: list[_Reading], labels: list,
           classifier, about: bool) -> list:
    """What the trained labeller reads of each claim: its rule features,
    its paragraph's text and its speaker."""
    from ..judging.labeller import View, rule_features, span_tensor

    paragraph: dict[int, list[str]] = {}
    judged: dict[int, list[str]] = {}          # paragraph -> the rules' stances of its claims
    for text, s, label in zip(texts, sents, labels):
        paragraph.setdefault(s.par, []).append(text)
        judged.setdefault(s.par, []).append(label.stance)
    leaning = {st: sum(x.stance == st for x in labels) / len(labels) for st in {x.stance for x in labels}}
    headline = texts[0] if texts else ""
    out, prev, prev_par = [], None, -1
    for text, s, kind, r, label in zip(texts, sents, kinds, readings, labels):
        hits = classifier.hits(s.span)
        doc = s.span.doc
        others = list(judged[s.par])
        others.remove(label.stance)
        role = s.role if s.speaker else None
        feats = rule_features(label, kind, named=r.named, context=r.context, about=about,
                              speaker_is_target=classifier.speaks_for_target(s.speaker, role),
                              hits=hits, span=s.span,
                              prev_stance=prev.stance if prev is not None and prev_par == s.par else None,
                              neighbours=others, leaning=leaning, default=classifier.profile.default_stance)
        speaker = ", ".join(x for x in (s.speaker, role) if x)
        spans = {rid: (s.offset + doc[a:b].start_char, s.offset + doc[a:b].end_char, words)
                 for rid, (a, b, words) in hits.reasons.items()}
        out.append(View(text, " ".join(paragraph[s.par]), speaker, feats, spans, span_tensor(s.span), headline))
        prev, prev_par = label, s.par
    return out


def analyse_article(article: Article, parsed, paragraphs, classifier=None, views: list | None = None) -> list[Claim]:
    sents = sentences_of(article, parsed)
    sents = attribute(article, sents, paragraphs)
    return claims_of(article, sents, classifier, views)
