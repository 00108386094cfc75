"""Which actor holds which stance: speaker and agent attribution over sentences.

Given a text, its sentences with their stance (what ``predict(..., level="sentence")`` returns) and
the actor mentions of an :class:`~arapol.actors.aliases.ActorTable`, each sentence's stance is
attributed to the actors that express it, by rules that follow Arabic news style:

1. **Speaker of a reporting verb** (أكد، قال، اعتبر، رحب، أشار، أضاف، تابع، خلص، دعا، رفض، حذر …, in
   any person, with و/ف; not in a relative clause ``الذي يدعو``): an actor right before the verb
   (SVO — ``لافروف أكد``، ``وكان لافروف قد أكد``، ``الحوثيين اتهموا``، ``الجبير، من جهته، شدد``), else the
   subject after it (VSO — ``وقال وزير الخارجية الروسي سيرغي لافروف``): the first actor within a few words that
   is not in a prepositional phrase (``إلى سوريا``، ``لدى الأمم المتحدة``، ``بالإعلان``، ``لدعم سوريا``) and not an
   object after a complete definite noun phrase (``واتهم المندوب البريطاني روسيا``), stopping at a
   comma, a colon, a quote or ``أن/إن``. Quotation marks right around a name belong to it
   (``ورفضت «جبهة النصرة»``، ``تنظيم " الدولة الإسلامية "``): they stop nothing and open no quotation. A
   person named right after an organisation or title (``المتحدث باسم الكرملين دميتري بيسكوف``; not one with a
   title of their own, an object: ``وانتقد البيت الأبيض الرئيس السوري بشار الأسد``) and actors
   joined by ``و`` (``رحبت روسيا وتركيا``) speak too; ``باسم X``، ``بقيادة X``، ``مصادر في X`` attach X to
   the subject. An actor after a phrase that ends in another actor is an object (``المندوب البريطاني لدى الأمم
   المتحدة روسيا``), as is one met (``خلال لقائه X``، ``لدى استقباله X``: the verb's subject is a pronoun).
2. **Continuation**: a reporting verb without a noun subject (``وأضاف``، ``وتابع``، ``وأكدت أن``،
   ``وقال في بيان``), a sentence that is a bare quotation, or one that opens with a negated verb and names no actor
   that could be its subject (``ولم يحدد موعدا``), continues the last speaker of this
   sentence or of the previous ones (for up to two sentences without a speaker), as does one whose subject is
   a bare anaphoric noun (``وأشار المصدر إلى أن``، ``وأكد الوزير أن``: a person's noun takes up people only, and
   الوزير، المتحدث… no leader;
   ``وقال الوزير الفرنسي`` takes up a speaker of the state whose nisba it has, and nobody else; with more after
   it, ``الوزير الفرنسي السابق``, it may be someone else, and takes up nobody). After ``و`` (``، و`` or
   none), a verb that takes an object (دعا، طالب، اتهم، حث …) continues the clause's speaker
   (``رحبت تركيا بالاتفاق ودعت روسيا إلى`` — Russia is called on), unless its gender differs from the verb that
   speaker spoke by (``رحب لافروف بالاتفاق وطالبت تركيا``: Turkey speaks). Participles (``مؤكدا``، ``معتبرا``) take the
   sentence's speaker, else its agent.
3. **Source**: ``بحسب X``، ``وفقا لـX``، ``نقلا عن X``، ``على لسان X``، ``نقلت (وكالة …) عن X`` and ``جاء في بيان
   لـX`` make X a speaker (role ``source``), unless X is a medium (``وفقا لوكالة أنباء البحرين``: not Bahrain; the
   owner of a medium, ``الموقع الرسمي لوزارة الخارجية``، ``موقع الأمم المتحدة``, speaks). An unnamed official or
   source with a state's nisba (``مسؤول تركي``، ``مصادر دبلوماسية روسية``), and a minister or an envoy at his post
   whom the table's titles do not name (``وزير الخارجية الكويتي``، ``السفير الإيراني في العراق``), is a mention of
   that state, and speaks for it.
4. **Agent**: in a sentence without any of the above, or with only a source of the whole sentence, fronted or
   trailing (``وبحسب المرصد، قصفت قوات النظام``، ``…، بحسب المرصد``; not in what it says after ``فإن``/``أن``),
   the actor that opens its first clause (after a
   fronted adverbial such as ``في المقابل،``) or follows its first word (``وخرقت قوات النظام الهدنة``),
   with the actors coordinated to it. A dateline (``موسكو -``) is not an agent, nor an actor in what a news medium
   or a statement reports (``وذكرت وكالة سانا أن الجيش السوري صد…``); a speaker there speaks (``وذكرت وكالة
   الأناضول أن أردوغان قال``).
5. Verbs inside quotations or inside the reported clause (after ``أن``) are not the sentence's
   speakers, until ``فيما``/``بينما``/``في حين`` or ``، و`` + a reporting verb opens a new clause.
   The subject of the reported clause speaks too when it is the speaker's or the source's own state or
   organisation (``قال نتنياهو إن إسرائيل ستلتزم`` → Israel, through ``member_of``/``leader_of``/``part_of``), the
   continued speaker's too (``وأضافت أن روسيا``); it is not taken up by the next sentence's pronoun. A
   participle after a comma (``«…»، مضيفا أن``) is the speaker's again.
6. Places speak only by metonymy: a capital with a ``capital_of`` relation that speaks or acts
   (``رحبت موسكو``) stands for its state, and that mention moves to the state. News media report and
   hold no stance.
7. **Clauses**: when different speakers sit in different clauses of one sentence
   (``اتهمت دمشق …، فيما أكد أردوغان …``) and a ``clause_stance`` scorer is given, each gets its own
   clause, scored on its own, as evidence.

An actor that is only mentioned — in the reported clause, as an object, in a prepositional phrase —
gets ``none``. Sentences whose stance is ``none`` give no evidence. An actor's document-level stance
is the majority label of its evidence sentences (ties broken by the summed scores, then by the last
sentence).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..labels import NO_STANCE
from .aliases import ActorTable, Mention, _checked_entities, date_period
from .document import _Doc
from .lexicon import Anaphor
from .roles import _is_bare_quote, _quote_goes_on, _speakers, _takes_up

CONTINUE_FOR = 2
"""Sentences without a speaker over which the last speaker still continues."""


def stance_label(stance: Any) -> str | None:
    """The label of a sentence stance given as a dict (``{"label", "scores"}``) or a plain label."""
    if isinstance(stance, Mapping):
        label = stance.get("label")
        return label if isinstance(label, str) else None
    return stance if isinstance(stance, str) else None


def _scores(stance: Any, label: str) -> dict[str, float]:
    if isinstance(stance, Mapping) and isinstance(stance.get("scores"), Mapping):
        return {str(k): float(v) for k, v in stance["scores"].items()}
    return {label: 1.0}


def attribute(text: str, sentences: Sequence[Mapping[str, Any]], mentions: Sequence[Mention],
              table: ActorTable, *, clause_stance: Callable[[list[str]], list[Any]] | None = None,
              date: Any = None) -> list[dict[str, Any]]:
    """The ``actors`` list of one text: each actor's mentions, its stance and the evidence sentences.

    ``sentences`` are ``{"start", "end", "stance"}`` dicts (``stance`` a ``{"label", "scores"}`` dict or
    a plain label; ``text`` is taken from ``text`` when missing); ``mentions`` come from
    :meth:`ActorTable.find`. ``clause_stance`` (texts → stances), when given, scores the clauses of a
    sentence whose speakers sit in different clauses (``اتهمت دمشق …، فيما أكد أردوغان …``): each of
    those speakers then gets its own clause, with its own stance, as evidence. ``date`` (the text's, as
    :meth:`ActorTable.find` takes it) decides which titles its people held then (a title holder's own state, the
    head of government ``رئيس الحكومة`` takes up).
    """
    sentences = _checked_entities(sentences, len(text), "sentences", "start, end and stance")
    doc = _Doc(text, mentions, table, date_period(date))
    owner = [m.actor for m in doc.mentions]  # the actor each mention ends up under (metonymy moves some)
    plan: list[tuple[Mapping[str, Any], list[tuple[str, str, int]], list[tuple[int, int]]]] = []
    last: list[str] = []
    since = 0
    unlisted = False  # someone the table lacks spoke last: no agent after it goes on speaking either
    before, spoke_before = 0, False  # where the sentence before starts, and whether it credited anyone
    for sent in sorted(sentences, key=lambda s: s["start"]):
        s_start, s_end = int(sent["start"]), int(sent["end"])
        speakers: list[tuple[str, str, int]] = []  # actor, role, clause start
        current = last if since <= CONTINUE_FOR else []
        voiced = False
        named_by: set[str] = set()
        found, cuts, other_spoke = _speakers(doc, s_start, s_end, current, before)
        for k, actor_id, role, clause in found:
            if isinstance(actor_id, Anaphor):  # a verb without a subject of its own continues the last speaker
                speakers += [(a, "continuation", clause) for a in current if _takes_up(doc, actor_id, a)]
                continue
            a = doc.actor(actor_id)
            if a is not None and a.speaks_for is not None:
                actor_id = owner[k] = a.speaks_for
            if role == "own":  # the speaker's own state in what they say: it speaks, and is not taken up later
                role = "speaker"
            elif role == "passive":  # named by a passive or an attack's relative clause: it acts, and is not
                role = "agent"  # taken up later (قتل … في هجوم نفذه داعش. وأضاف المصدر: not the group)
                named_by.add(actor_id)
            elif role in ("speaker", "source"):
                if not voiced:
                    current, voiced = [], True
                current = [*current, actor_id] if actor_id not in current else current
            speakers.append((actor_id, role, clause))
        if not speakers and (_is_bare_quote(doc, s_start, s_end) or (
                spoke_before and _quote_goes_on(doc, before, s_start, s_end))):
            speakers = [(a, "continuation", s_start) for a in current]
        agents = [a for a, r, _ in speakers if r == "agent" and a not in named_by]
        if voiced:
            last, since, unlisted = current, 0, False
        elif other_spoke:  # وقال مسؤول كبير إن …. وأضاف: he goes on, not a speaker before him
            last, since, unlisted = [], 0, True
        elif agents and not current and not unlisted:  # وألقى الأسد كلمة. وقال: … (no one spoke before: the agent
            last, since = list(dict.fromkeys(agents)), 0  # goes on)
        elif not any(r == "continuation" for _, r, _ in speakers):
            since += 1
            unlisted = unlisted and since <= CONTINUE_FOR
        in_clauses: dict[str, set[int]] = {}
        for actor_id, _, clause in speakers:
            in_clauses.setdefault(actor_id, set()).add(clause)
        split = len({frozenset(c) for c in in_clauses.values()}) > 1
        clauses = _clause_spans(text, s_start, s_end, cuts) if split else []
        # an actor speaking in several clauses keeps the whole sentence
        speakers = [(a, r, c if len(in_clauses[a]) == 1 else -1) for a, r, c in speakers]
        plan.append((sent, speakers, clauses))
        before, spoke_before = s_start, bool(speakers)
    scored: dict[tuple[int, int], Any] = {}
    if clause_stance is not None:
        spans = list(dict.fromkeys(span for _, _, clauses in plan for span in clauses))
        if spans:
            scored = dict(zip(spans, clause_stance([text[a:b] for a, b in spans])))
    evidence: dict[str, list[dict[str, Any]]] = {}
    for sent, speakers, clauses in plan:
        s_start, s_end = int(sent["start"]), int(sent["end"])
        seen: set[str] = set()
        for actor_id, role, clause in speakers:
            if actor_id in seen:
                continue
            seen.add(actor_id)
            span = next((c for c in clauses if clause >= 0 and (c[0] <= clause < c[1] or c[0] == clause)), None)
            if span is not None and span in scored:
                item = {"text": text[span[0]:span[1]], "start": span[0], "end": span[1], "stance": scored[span]}
            else:
                item = {"text": sent.get("text", text[s_start:s_end]), "start": s_start, "end": s_end,
                        "stance": sent.get("stance")}
            label = stance_label(item["stance"])
            if label is None or label == NO_STANCE:
                continue
            item["role"] = role
            evidence.setdefault(actor_id, []).append(item)
    # group mentions by their final actor, in order of first mention
    grouped: dict[str, list[Mention]] = {}
    for m, o in sorted(zip(doc.mentions, owner), key=lambda p: p[0].start):
        grouped.setdefault(o, []).append(m)
    for _, speakers, _ in plan:  # a state credited through its speaker's بلاده: named by no mention, still there
        for actor_id, _, _ in speakers:
            grouped.setdefault(actor_id, [])
    out = []
    for actor_id, ms in grouped.items():
        a = doc.actor(actor_id)
        info = a.as_dict() if a is not None else {"id": actor_id, "name": actor_id}
        info["mentions"] = [m.as_dict() for m in ms]
        info["stance"] = aggregate(evidence.get(actor_id, []))
        info["evidence"] = evidence.get(actor_id, [])
        out.append(info)
    return out


def _clause_spans(text: str, s_start: int, s_end: int, cuts: list[int]) -> list[tuple[int, int]]:
    """The sentence cut at ``cuts`` (character offsets), each piece trimmed of spaces and commas."""
    bounds = [s_start, *sorted(c for c in set(cuts) if s_start < c < s_end), s_end]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        while a < b and (text[a].isspace() or text[a] in "،,"):
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] in "،,"):
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def aggregate(evidence: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """An actor's document-level stance ``{"label", "counts"}`` from its evidence sentences: the majority
    label, ties broken by the summed scores, then by the last sentence."""
    pairs = [(e, lb) for e in evidence for lb in [stance_label(e.get("stance"))] if lb and lb != NO_STANCE]
    labels = [lb for _, lb in pairs]
    counts = Counter(labels)
    result: dict[str, Any] = {"label": NO_STANCE, "counts": dict(counts)}
    if not counts:
        return result
    top = max(counts.values())
    tied = [lb for lb in counts if counts[lb] == top]
    if len(tied) > 1:
        totals = Counter()
        for e, lb in pairs:
            for k, v in _scores(e.get("stance"), lb).items():
                if k in tied:
                    totals[k] += v
        best = max(totals.values(), default=0.0)  # evidence without scores: the tie stands
        tied = [lb for lb in tied if totals[lb] == best]
        if len(tied) > 1:
            tied = [next(lb for lb in reversed(labels) if lb in tied)]
    result["label"] = tied[0]
    return result
