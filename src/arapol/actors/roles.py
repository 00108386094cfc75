"""The rules that find, sentence by sentence, who speaks, who is the source and who acts (:func:`_speakers`); the
conventions they follow are in :mod:`arapol.actors.attribution`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .aliases import COUNTERPARTS, PLACE_TYPES, normalise_key
from .document import _complementizer, _Doc, _reports, _Tok
from .lexicon import (
    _ADDRESSES,
    _ATTACHING,
    _BL_NOUNS,
    _BUT,
    _BUT_HE,
    _CAME,
    _CLOSE_QUOTES,
    _COMPLEMENTIZERS,
    _CONNECTIVES,
    _FEMININE,
    _HEADS_OF,
    _HONORIFICS,
    _LATTER,
    _MEETINGS,
    _NAME_QUOTES,
    _NEGATIONS,
    _NOT_VERBS,
    _ON_BEHALF,
    _OPEN_QUOTES,
    _PARTICLES,
    _PAST,
    _PREPS,
    _PRESENT,
    _PUNCT_BOUNDARY,
    _QUOTES,
    _QUOTING,
    _RANKS,
    _RELATIVES,
    _RESETS,
    _SAYING,
    _SAYING_NOUNS,
    _SOURCE_MARKERS,
    _SOURCE_NOUNS,
    _STATEMENTS,
    _SUBORDINATES,
    _TIMES,
    _WHEN,
    ANAPHORS,
    ANYONE,
    CONTINUATION_VERBS,
    MAX_BEFORE,
    MAX_GAP,
    MAX_RELATIVE,
    MAX_TITLE,
    OBJECT_VERBS,
    PARTICIPLES,
    REPORTING_FORMS,
    Anaphor,
    _conjoined,
    _is_prep,
    _medium,
    _passive,
    _strip_conj,
    is_reporting_verb,
)

Found = tuple[int | None, str | Anaphor, str, int]
"""What :func:`_speakers` finds: ``(mention index, actor id, role, clause start)``, or ``(None, anaphor,
"continuation", clause start)`` where a verb takes up a last speaker. Role ``"passive"``: an agent that a passive or an
attack's relative clause names (an ``"agent"`` that no later verb takes up)."""


def _takes_up(doc: _Doc, anaphor: Anaphor, actor_id: str) -> bool:
    """Whether a continuation that reads as ``anaphor`` takes up the speaker ``actor_id``."""
    a = doc.actor(actor_id)
    if a is None:
        return anaphor == ANYONE
    return ((not anaphor.types or a.type in anaphor.types)
            and (anaphor.state is None or actor_id == anaphor.state or anaphor.state in doc.ancestors(actor_id))
            and not (anaphor.no_leader and a.related("leader_of"))
            and (not anaphor.offices or any(getattr(doc.actor(t), "type", None) in anaphor.leads
                                            for t in a.related("leader_of")) or any(
                p.startswith(anaphor.offices) for p in doc.table.held_offices(actor_id, doc.period))))


def _speakers(doc: _Doc, s_start: int, s_end: int, continued: Sequence[str] = (), before: int | None = None
              ) -> tuple[list[Found], list[int], bool]:
    """``(mention index, actor id, role, clause start)`` for each speaker, source or agent of a sentence,
    in order (``(None, ANYONE, "continuation", clause)`` where a reporting verb continues the last speaker),
    the character offsets where new clauses start (فيما، بينما، «، و» + reporting verb), and whether, with none of
    them, someone the table lacks speaks in it (``وقال مسؤول كبير إن``، ``وقالت المجلة إن``). ``before``: where the
    sentence before starts (the two sides that ``وأكد الجانبان`` takes up may be named there)."""
    toks = doc.toks
    lo, hi = doc.token_range(s_start, s_end)
    if lo >= hi:
        return [], [], False
    by_tok: dict[int, list[int]] = {}
    for k in sorted(doc.mentions_in(s_start, s_end)):
        by_tok.setdefault(doc.first_tok[k], []).append(k)
    if (head := _headline_source(doc, lo, hi, by_tok)) is not None:  # الأمم المتحدة: استمرار الحرب يهدد …
        return [(head, doc.mentions[head].actor, "speaker", s_start)], [], False
    found: list[Found] = []
    cuts: list[int] = []
    resets: list[int] = []  # the tokens of فيما، بينما… that open a clause outside what someone says
    clause = s_start
    quoted = embedded = verb_seen = after_comma = reported = fronted = unnamed = False
    said: int | None = None  # the first complementizer (أن) after a reporting verb or a source
    said_here: int | None = None  # the same in the clause فيما، بينما… opened (…، فيما قال جاويش أوغلو إن)
    spoke = ""  # the last verb that found its subject
    fronts: dict[int, int] = {}  # the source named after a marker at each token (بحسب المرصد السوري)
    for i in range(lo, hi):
        t = toks[i]
        if not t.word:
            if t.text in _OPEN_QUOTES or (t.text == '"' and not quoted):
                quoted = True
            elif t.text in _CLOSE_QUOTES or t.text == '"':
                quoted = False
            elif t.text == ":" and verb_seen:
                embedded = True
            after_comma = t.text in ("،", ",", "؛", ";")
            continue
        comma, after_comma = after_comma, False
        if quoted:
            continue
        w = _strip_conj(t.text)
        pair = w == "في" and i + 1 < hi and toks[i + 1].text == "حين"  # في حين, one connective as فيما
        if pair or (t.text in _RESETS or w in _RESETS) and not (t.text == "حين" and doc.word_before(i) == "في"):
            if not embedded and (pair or t.text in ("فيما", "بينما")) and comma and not (
                    i + 1 < hi and toks[i + 1].text == "اذا"):
                resets.append(i)  # (not what a speaker goes on to say: قال لافروف إن …، فيما تواصل قوات النظام)
            embedded = False
            clause = t.start
            cuts.append(clause)
            said_here = None
            continue
        if not embedded and comma and found and (w in _BUT or t.text in ("الا", "غير") and i + 1 < hi and
                                                 toks[i + 1].text == "ان" or w == "اما"):  # (إلا أنها: it goes on)
            clause = t.start  # رحبت مصر بالاتفاق، لكن إسرائيل رفضته (غير أن، إلا أن، أما): the writer's contrast
            cuts.append(clause)  # opens a clause of its own, whose أن is no complement of the verb before
            verb_seen = False
            continue
        if _closing_relative(doc, i):  # …، وهو ما نفته باكو: who speaks in it follows the verb, in a clause of its own
            embedded = False
            clause = doc.toks[i - 2].start
            cuts.append(clause)
            found += [(k, doc.mentions[k].actor, "speaker", clause) for k in _subject_after(doc, i, hi, by_tok)]
            continue
        if w in _SAYING_NOUNS and any(toks[j].text == "عن" for j in range(lo, i)):
            verb_seen = True  # نقلت الوكالة عن مصدر قوله إن: what follows is said
            continue
        verb = _reports(doc, i)
        participle = w in PARTICIPLES
        new_clause = verb and not participle and comma and _conjoined(t.text) and bool(found)
        said_on = new_clause and embedded  # (قال أعضاء في مجلس الأمن إن بريطانيا وفرنسا اعترضتا …، وأكدتا)
        if new_clause:
            clause = t.start
            cuts.append(clause)
        elif embedded and not (participle and comma):  # «…»، مضيفا أن: the participle is the speaker's again
            but = _strip_conj(t.text) in _BUT
            contrast = t.text in ("الا", "غير") and i + 1 < hi and _complementizer(toks[i + 1])  # إلا أن، غير أن
            if comma and (but or contrast) and (other := _contrasted_speaker(doc, i + 1 + contrast, hi, by_tok)):
                embedded = False  # قال لافروف إن موسكو ملتزمة، لكن واشنطن تتهمها: a speaker of the writer's
                clause = t.start  # contrast, in a clause of its own
                cuts.append(clause)
                found += [(k, doc.mentions[k].actor, "speaker", clause) for k in other]
            elif (t.text[:1] == "و" and _complementizer(t, conj=True)) or but:
                # قال لافروف إن … وإن موسكو: a second one; قال عراقجي إنه …، لكن إيران: the rest of what he says
                own = _self_reference(doc, i, found, by_tok, continued)
                found += [(k, doc.mentions[k].actor, "own", clause) for k in own]
                named = any(c == clause and k is not None and r in ("speaker", "source") for k, _a, r, c in found)
                if not own and not _nested_speaker(doc, said_here if named else said, i):  # …، وإن بلاده ستواصل: his
                    # state, by no mention; what is said counts from the clause's own speaker's أن (…، فيما قال جاويش
                    # أوغلو إن …، وإن بلاده; not قال أردوغان إن بوتين أكد له، بينما كانا في سوتشي، أن …، وإن بلاده)
                    found += [(None, a, "own", clause) for a in _own_state(doc, i, found, continued, clause)]
            elif contrast:  # إلا أن روسيا، غير أن
                found += [(k, doc.mentions[k].actor, "own", clause)
                          for k in _self_reference(doc, i + 1, found, by_tok, continued)]
            elif w in _BUT_HE and i + 2 < hi and _reports(doc, i + 1) and (
                    c := i + 2 + (toks[i + 2].text in ("الي", "علي"))) < hi and _complementizer(toks[c]):
                found += [(k, doc.mentions[k].actor, "own", clause)  # …، لكنه أوضح أن إيران، لكنه أشار إلى أن
                          for k in _self_reference(doc, c, found, by_tok, continued)]
            continue
        embedded = False
        if participle:
            # its subject is the sentence's speaker; failing that, the agent that opens the sentence
            if not found:
                found += [(k, doc.mentions[k].actor, "speaker", clause) for k in _agents(doc, lo, hi, by_tok)]
            if not found and not unnamed:  # (أعلن كوليبا أنه …، متهما: a subject the table lacks)
                found.append((None, ANYONE, "continuation", clause))
            verb_seen = True
            continue
        if verb and _qualifies_indefinite(doc, i, lo):
            verb_seen = unnamed = True  # تبنى المجلس قرارا ينتقد طهران: a relative clause whose subject is the
            continue  # resolution; what it says (بيانا ينفي فيه أنه …) is the statement's
        if verb:
            verb_seen = True
            if not found and (agents := _resumed_agents(doc, i, lo, hi, by_tok)):
                found += [(k, doc.mentions[k].actor, "speaker", clause) for k in agents]
                spoke = w  # أصدر الجولاني بيانا أعلن فيه: the one who issued it
                continue
            if w in OBJECT_VERBS and _shares_subject(t.text, w, found, clause, spoke, new_clause):
                subj: list[int] = []  # …، ودعت روسيا إلى: the clause's speaker calls on Russia
            elif not found and (_fronted_noun(doc, i, lo) if not fronted else _conjoined(t.text) and not comma
                                and (w.removesuffix("ون") in OBJECT_VERBS or not _subject_after(doc, i, hi, by_tok))):
                fronted = True  # الشعب التركي يرفض حكم أردوغان: a subject that is no actor; Erdoğan is the object,
                continue  # and so is Russia in … ويتهم روسيا: a verb with و and an object shares that subject
            else:
                honoured = _honoured_before(doc, i, hi, continued)  # (وأكد سموه: whom the text called صاحب السمو)
                subj = [honoured] if honoured is not None else _subject_before(doc, i, lo, by_tok, adjacent_only=True) \
                    or _set_off_before(doc, i, lo, by_tok) \
                    or (not said_on and _pair(doc, i, lo, s_start if before is None else before)) \
                    or _listed(_head_noun(doc, i, hi)) or _subject_after(doc, i, hi, by_tok)
                if not subj and _conjoined(t.text) and any(r in ("speaker", "agent") for *_, r, _c in found):
                    continue  # وحمّلت الحركة إسرائيل المسؤولية وأكدت: the clause's subject again, not its object
                subj = subj or _subject_before(doc, i, lo, by_tok)
            if (again := _official_anaphor(doc, subj, continued)) is not None:
                found.append((None, again, "continuation", clause))  # وأضاف المسؤول الأمريكي أن: who spoke before
                continue
            if not subj and (latter := _latter(doc, i, hi)) is not None:
                subj = [latter]  # فيما قالت الأخيرة: the last actor named before, who can speak
            if not subj and (named := _surname(doc, i, hi, continued)):
                found += [(k, doc.mentions[k].actor, "continuation", clause) for k in named]
                continue  # (جوزيف عون …. وقال عون: the family name of the last speaker, no alias of its own)
            if subj:
                found += [(k, doc.mentions[k].actor, "speaker", clause) for k in subj]
                spoke = w
            elif (anaphor := _anaphor(doc, i, hi, by_tok)) is not None:  # (وأضاف الوزير: a person's continuation)
                if any(_takes_up(doc, anaphor, a) for a in continued) or anaphor.state is not None or \
                        not anaphor.types or "person" in anaphor.types or (
                        named := _named_before(doc, i + 1, i, state_bound=True)) is None:
                    found.append((None, anaphor, "continuation", clause))
                else:  # وقالت الوزارة after the ministry was named, when someone else spoke between
                    found.append((named, doc.mentions[named].actor, "speaker", clause))
                    spoke = w
            elif (kana := _kana_subject(doc, i, lo)) or _pronoun_subject(doc, i, hi, w):
                # والتقى هوكشتاين بري في بيروت، وقال بعد اللقاء إن: the actor who opens the sentence acting, if the
                # verb agrees with it; else the last speaker goes on (وشنت الطائرات الروسية غارات، وأضاف: the
                # Observatory who spoke before), unless the verb has a subject of its own before قد (وكان مسؤول كبير
                # قد قال: one the table lacks)
                # (وتعرضت تركيا لهجوم، وقالت: Turkey speaks; not وأضاف after a speaker named before: he goes on)
                undergoes = not (w in CONTINUATION_VERBS and continued)
                opener = [k for k in _agents(doc, lo, i, by_tok, undergoes=undergoes) if _agrees(
                    doc, k, w, lo, bound=doc.word_before(i) in _BUT_HE and _object_follows(doc, k, by_tok))
                          ] if not found else []
                found += [(k, doc.mentions[k].actor, "speaker", clause) for k in opener] or (
                    [] if kana else [(None, ANYONE, "continuation", clause)])
                unnamed = unnamed or (kana and not opener)
            else:
                reported = reported or (_opens(doc, lo, i) and (_media_subject(doc, i, hi, by_tok) or (
                    i + 1 < hi and (toks[i + 1].text in _STATEMENTS or _medium(toks[i + 1].text)))))
                unnamed = unnamed or _unnamed_subject(doc, i, hi)
            continue
        if (verb_seen or any(role == "source" for *_, role, _c in found)) and _complementizer(t):
            embedded = True  # (على لسان بيسكوف أن روسيا: a source's words too)
            said = i if said is None else said
            said_here = i if said_here is None else said_here
            own = _self_reference(doc, i, found, by_tok, continued)
            found += [(k, doc.mentions[k].actor, "own", clause) for k in own]
            if not own:  # قال لافروف إن بلاده: his state, named by no mention
                found += [(None, a, "own", clause) for a in _own_state(doc, i, found, continued, clause)]
            continue
        src = _source_at(doc, i, hi, by_tok)
        if src is not None:
            fronts[i] = src
            found += [(k, doc.mentions[k].actor, "source", clause) for k in _with_coordinated(doc, src, by_tok)]
    if not found and reported and said is not None:  # وذكرت وكالة الأناضول أن أردوغان قال: he speaks through it
        found += [(k, doc.mentions[k].actor, "speaker", s_start) for k in _reported_speaker(doc, said, hi, by_tok)]
    # an agent also beside a source of the whole sentence, before it (وقصفت قوات النظام بلدات …، بحسب المرصد) or
    # after it (وبحسب المرصد السوري، قصفت قوات النظام: as where the source is no actor, وحسب مصادر محلية، خرقت); not
    # in what a medium reports (وذكرت وكالة سانا أن الجيش…: the army is what it says), nor in what a source says
    # after أن or فإن (ووفقا لوزارة الدفاع التركية، فإن الجيش السوري خرق)
    # and in a clause no one speaks in: the first, when all speak in later ones (وكانت الطائرات الإسرائيلية قد شنت
    # غارات …، فيما قال كاتس), and one that فيما opens (…، فيما واصلت فصائل المقاومة إطلاق الصواريخ)
    if not reported and all(role == "source" or c != s_start for _k, _a, role, c in found):
        sources = {k for k, _a, role, _c in found if role == "source" and k is not None}
        first_src = min((doc.first_tok[k] for k in sources), default=hi)
        start = _after_fronted_source(doc, lo, hi, by_tok, fronts)
        # after a source that opens the sentence, up to what it says (، فإن); else before the first source
        limit = first_src if start is None else next(
            (j for j in range(first_src, hi) if _complementizer(toks[j], conj=True)), hi)
        before_tok = min([limit] + [doc.tok_at(c) for *_, c in found if c != s_start])
        agents = _agents(doc, lo if start is None else start, hi, by_tok)
        role = "agent" if agents else "passive"  # (قتل ثمانية مدنيين في غارات شنتها: no one to go on speaking)
        found += [(k, doc.mentions[k].actor, role, s_start)
                  for k in agents or _passive_agents(doc, lo, hi, by_tok) if doc.first_tok[k] < before_tok
                  and k not in sources]
        found += [(k, doc.mentions[k].actor, "passive", s_start)  # تلقى الأسد اتصالا هاتفيا من الرئيس المصري: the
                  for k in _called_by(doc, _clause_start(doc, lo if start is None else start, hi, by_tok), hi, by_tok)
                  if k not in agents and doc.first_tok[k] < before_tok]  # caller too, whom no one takes up after
    if not reported:
        for n, r in enumerate(resets):
            start, end = doc.toks[r].start, doc.toks[resets[n + 1]].start if n + 1 < len(resets) else s_end
            if not any(start <= c < end for *_, c in found):
                found += [(k, doc.mentions[k].actor, "agent", start) for k in _agents(doc, r + 1, hi, by_tok)]
    if not found and not reported and (_negated_pronoun_verb(doc, lo, hi, by_tok) or _acts_on_name(doc, lo, hi, by_tok,
                                                                                                   continued)):
        found.append((None, ANYONE, "continuation", s_start))  # ولم يحدد موعدا، وشكر قطر: the last speaker did
    return found, cuts, not found and (unnamed or reported)


_ABOUT_SOURCE = {"مقره", "مقرها", "الذي", "التي", "التابع", "التابعه"}
"""Words that open what is said of a source right after its name (``المرصد السوري لحقوق الإنسان ومقره لندن``،
``منظمة الصحة العالمية التابعة للأمم المتحدة``), with ``و`` or not."""


def _after_fronted_source(doc: _Doc, lo: int, hi: int, by_tok: dict[int, list[int]], fronts: dict[int, int]
                          ) -> int | None:
    """Where the clause after an "according to" source that opens the sentence starts (``وبحسب المرصد السوري،
    قصفت``، ``ووفق الأمم المتحدة قصفت``، ``وبحسب المرصد قصفت``: its first word is the verb; a source of no actor's
    name ends where the next word cannot be its: :func:`_unnamed_source_end`), past what is said of the source up
    to the next comma (``، ومقره لندن،``، ``التابعة للأمم المتحدة،``); ``None`` where no such source opens it
    (``قصفت إسرائيل، حسب الأمم المتحدة، مدرسة``; ``ونقلت وكالة تاس عن لافروف دعوته واشنطن``: what the quoted source
    said), or where what is said of it has no comma to end it, and where the clause starts is not known. ``fronts``:
    the source :func:`_speakers` found after the marker at each token (none in a quotation)."""
    start = _past_fronting(doc, _dateline_end(doc, lo, hi, by_tok), hi)
    comma = next((c for c in range(start, min(hi, start + 4)) if doc.toks[c].text in ("،", ",")), None)
    if comma is not None and not any(k in by_tok for k in range(start, comma)):
        start = comma  # a short adverbial before a comma (يوم الأحد، في المقابل،), as the agents' clause reads it
    while start < hi and not doc.toks[start].word:
        start += 1  # (وفي غضون ذلك، بحسب المرصد)
    if start >= hi or _strip_conj(doc.toks[start].text) in _QUOTING | _CAME:
        return None
    front = fronts.get(start)
    if front is None:  # a source of no actor's name, ended by the next word (وبحسب المرصد قصفت قوات النظام)
        j = next((end for j in _after_marker(doc, start, hi) if (end := _unnamed_source_end(doc, j, hi, by_tok))
                  is not None), None)
        if j is None:
            return None
    else:
        j = doc.last_tok[_with_coordinated(doc, front, by_tok)[-1]] + 1
    # what is said of it, after the rest of its phrase (وناشطون،) but before any other actor: not a clause's own
    # relative (قصفت قوات النظام التي)
    about = next((k for k in range(j, min(hi, j + 5)) if doc.toks[k].word and _strip_conj(doc.toks[k].text)
                  in _ABOUT_SOURCE), None)
    if about is not None and not any(k in by_tok for k in range(j, about)):
        return next((c + 1 for c in range(about, min(hi, about + 12)) if doc.toks[c].text in ("،", ",")), None)
    return j


_ADVERBS = {"ايضا", "مجددا", "دائما", "حاليا", "سابقا", "لاحقا", "مؤخرا", "رسميا", "علنا", "صراحه", "اساسا", "غالبا",
            "احيانا", "مسبقا", "فورا", "جدا", "كثيرا", "قريبا", "اخيرا", "حاليه", "تماما", "ابدا"}
"""Adverbs in the accusative, which a present verb may follow as its own (``وقال أيضا يدعو``)."""
_NO_SUBJECTS = _WHEN | _TIMES | _ADVERBS | {"يوم"}
"""Words of time and adverbs right after a verb, which are no subject of it (``وقال أمس إن``، ``وأكد يوم الأحد أن``،
``وأوضح أيضا أن``)."""
_PARTICLES_MA = {"ربما", "كلما", "طالما", "انما", "قبلما", "مثلما", "حيثما", "لما", "كيفما", "اينما", "مهما", "حسبما",
                 "كما", "مما", "لماذا", "ماذا", "هذا", "لذا", "اذا", "عدا", "خلا", "حاشا"}
"""Particles and pronouns that end in ``ا`` (``لماذا يعارض السيسي``; those of :data:`_RESETS`, ``بينما تعارض تركيا``,
are looked up there): no nouns."""
_THAT_IT = {p + c + s for p in ("", "ب", "ل", "ك", "ف") for c in ("ان",) for s in ("ها", "هما", "نا")}
"""``أنها``، ``فإنها``، ``بأنهما``، ``لأننا``: a complementizer whose pronoun is the subject of the verb after it."""


def _qualifies_indefinite(doc: _Doc, v: int, lo: int) -> bool:
    """The present verb at ``v`` follows an indefinite noun in the accusative (``قرارا ينتقد``، ``بيانا يدين``، ``قانونا
    يصف``: an unmarked relative clause whose subject is that noun) or a complementizer with a pronoun (``أنها تعتبر``):
    no actor after the verb is its subject."""
    verb = _strip_conj(doc.toks[v].text)
    j = v - 1
    while j > lo and doc.toks[j].text in _TIMES | _WHEN:
        j -= 1  # (بيانا رئاسيا الأربعاء يدعو: the day between)
    if j < lo or verb[:1] not in ("ي", "ت") or any(verb.endswith(p) and is_reporting_verb(verb[:-len(p)])
                                                    for p in ("ه", "ها", "هم")) or \
            doc.in_mention(j) or not doc.toks[j].word:
        return False  # (مغربيا تتهمه مدريد: the verb takes the noun as its object, its subject follows)
    noun = doc.toks[j].text
    bare = _strip_conj(noun)
    if bare in _THAT_IT:
        return True  # أظهرت روسيا أنها تعتبر حزب الاتحاد طرفا: the pronoun is the subject, the party the object
    return len(noun) >= 4 and noun.endswith("ا") and not noun.endswith(("وا", "ها", "هما")) and \
        not noun.startswith("ال") and bare not in _ADVERBS | _RESETS | _PARTICLES_MA and not _reports(doc, j)


def _unnamed_subject(doc: _Doc, v: int, hi: int) -> bool:
    """The verb at ``v`` has a subject the table lacks between it and ``أن`` (``أعلن كوليبا أنه``، ``وأوضح نائب رئيس
    الوزراء التركي أن``: up to six words; a name of three words or more with a description, up to twelve:
    ``وقال إيزاك ستون فيش الباحث في جمعية آسيا إن``), a title's noun right after it (``رحب وزير الدولة السوري لشؤون
    المصالحة علي حيدر بالاتفاق``), or a source's right after a verb of saying (``وقال مصدر مطلع على``; not ``ووصف
    مسؤولين غربيين``: its object); not an object before ``بأن`` (``ووصف العقوبات بأنها``)."""
    if v + 1 < hi and (doc.toks[v + 1].text in _TITLE_HEADS and not doc.toks[v + 1].text.startswith("ال")
                       or doc.toks[v + 1].text in _SOURCE_NOUNS and v + 1 not in doc.starting
                       and _strip_conj(doc.toks[v].text) in _SAYING):
        return True  # (وقال مصدر مطلع على سير المحادثات لوكالة فرانس برس إن: a source the table lacks)
    words = 0  # words that are no time or adverb (وقال أمس إن، وأكد يوم الأحد أن، وأوضح أيضا أن: he again)
    described = False  # a name of three words or more, then a description (قال إيزاك ستون فيش الباحث في جمعية آسيا إن)
    j = v
    while (j := j + 1) < min(hi, v + (14 if described else 8)):
        t = doc.toks[j]
        if _complementizer(t):
            return words > 0 and t.text[:1] != "ب"
        if not t.word and not (described and (t.text in _NAME_QUOTES or t.text in _CLOSE_QUOTES)) or \
                is_reporting_verb(t.text):
            return False
        if _strip_conj(t.text) in _PREPS:
            if not described:
                return False
            continue
        words += not (t.text in _NO_SUBJECTS or t.text in _PARTICLES)
        described = described or (words >= 3 and t.text.startswith("ال") and not doc.toks[j - 1].text.startswith("ال")
                                  and not doc.toks[v + 1].text.startswith("ال"))  # (not وقال البيان الذي نقلته …)
    return False


def _headline_source(doc: _Doc, lo: int, hi: int, by_tok: dict[int, list[int]]) -> int | None:
    """The actor that opens a headline before a colon (``الأمم المتحدة: استمرار حرب اليمن يهدد بمجاعة``، ``كييف: روسيا
    قصفت``): the one whose words follow, and the sentence's only speaker; not a dateline's place (``لندن: هددت``).
    The medium it spoke to, or what it spoke about, may stand before the colon (``نتنياهو لـ«فوكس نيوز»:``،
    ``بايدن عن اتفاق غزة:``)."""
    for k in by_tok.get(lo, []):
        end = doc.last_tok[k] + 1
        if not doc.can_speak(k) or end >= hi:
            continue
        if doc.toks[end].text == ":" and not _place_colon(doc, lo, end, hi, by_tok):
            return k
        first = doc.toks[end].text
        if first in ("ل", "عن") or first.startswith("لل") and len(first) > 3:
            colon = next((j for j in range(end + 1, min(hi, end + 6)) if doc.toks[j].text == ":"), None)
            if colon is not None and not any(doc.toks[j].word and is_reporting_verb(doc.toks[j].text)
                                             for j in range(end, colon)):
                return k
    return None


def _closing_relative(doc: _Doc, i: int) -> bool:
    """Token ``i`` is a reporting verb, with or without the object pronoun, in ``وهو ما`` or ``الأمر الذي`` (``وهو ما
    نفته باكو``، ``الأمر الذي أكده الكرملين``): a clause that says who confirmed or denied what was told."""
    before = (doc.word_before(i, 2), doc.word_before(i))
    if before not in (("وهو", "ما"), ("وهي", "ما"), ("هو", "ما"), ("هي", "ما"), ("الامر", "الذي")):
        return False
    w = _strip_conj(doc.toks[i].text)
    bases = [w] + [w[:-len(p)] for p in ("ه", "ها") if w.endswith(p) and len(w) > len(p) + 2]
    return any(b in REPORTING_FORMS or (b.endswith("ا") and b[:-1] + "ي" in REPORTING_FORMS) for b in bases)


def _opens(doc: _Doc, lo: int, i: int) -> bool:
    """Token ``i`` opens the sentence that starts at ``lo`` (past connectives: ``وفي المقابل، ذكرت``): a medium's verb
    there reports the whole sentence; one in a later clause (``قصفت الطائرات …، وذكرت وكالة سانا``) does not."""
    return all(not doc.toks[j].word or _strip_conj(doc.toks[j].text) in _CONNECTIVES for j in range(lo, i))


def _reported_speaker(doc: _Doc, c: int, hi: int, by_tok: dict[int, list[int]]) -> list[int]:
    """The speaker of the first reporting verb in what a news medium or a statement reports from token ``c`` on
    (``وذكرت وكالة الأنباء العراقية أن رئيس الوزراء محمد شياع السوداني أكد``): the one whose words it carries, right
    before the verb (particles apart) or after it; not an actor further back (``إن لاعب ريال مدريد الإسباني ومنتخب
    إسبانيا النجم ماركو أسينسيو كتب``: the player writes); for a verb describing what was issued (``أصدر بيانا أكد
    فيه``، ``أجرى اتصالا أعرب فيه عن …``), the one who opens the clause, or none."""
    for i in range(c + 1, hi):
        t = doc.toks[i]
        if t.word and _reports(doc, i) and _strip_conj(t.text) not in PARTICIPLES:
            if i + 1 < hi and doc.toks[i + 1].text in _IN_IT:  # (أن الجيش التركي أصدر بيانا أكد فيه)
                return _resumed_agents(doc, i, c + 1, hi, by_tok)
            return _subject_before(doc, i, c + 1, by_tok, adjacent_only=True) or _subject_after(doc, i, hi, by_tok)
    return []


_TELLING = frozenset(p + stem for p in "يت" for stem in ("حدد", "شر", "تطرق", "علق", "فصح", "خض", "كشف", "ذكر", "وضح",
                                                        "فصل", "قدم", "دل"))
"""Verbs of telling after ``لم``/``لن`` (``ولم يحدد موعدا``، ``ولم يتطرق إلى``، ``ولم تشر``) whose unnamed subject is
the last speaker; not others (``ولم يتضح``، ``ولم تعلن أي جهة``، ``ولم يتسن التحقق``), whose subject is what follows."""


def _negated_pronoun_verb(doc: _Doc, lo: int, hi: int, by_tok: dict[int, list[int]]) -> bool:
    """The sentence opens with a negated verb of telling (``ولم يحدد موعدا``) followed by no definite noun (its
    subject) and no actor before a comma: its subject is a pronoun, the last speaker's."""
    if hi - lo < 2 or not doc.toks[lo].word or _strip_conj(doc.toks[lo].text) not in ("لم", "لن"):
        return False
    verb = doc.toks[lo + 1]
    if not verb.word or verb.text not in _TELLING or lo + 1 in by_tok or (
            lo + 2 < hi and doc.toks[lo + 2].text.startswith("ال")):
        return False
    for j in range(lo + 2, hi):
        if _boundary(doc.toks[j]):
            return True
        if any(doc.can_speak(k) for k in by_tok.get(j, [])):
            return False
    return True


def _acts_on_name(doc: _Doc, lo: int, hi: int, by_tok: dict[int, list[int]], continued: Sequence[str]) -> bool:
    """The sentence opens with a verb of acting on someone (:data:`_ACTS_ON`) after و/ف or كما, whose first names after
    it are its objects by gender (:func:`_object_by_gender`), followed by a preposition, a word in ب or ل that is no
    noun of its own (:data:`_BL_NOUNS`) or the sentence's end (``وشكر قطر ومصر على جهودهما``، ``كما هاجم إيران
    بسبب``; not ``وهاجم إسرائيل حزب الله``, ``واستهدف إسرائيل، فجر الاثنين، صاروخان``, ``واستهدف إسرائيل لواء
    القدس``: a subject after them), and the last speakers are people, whom a masculine verb takes up: its subject is
    a pronoun, theirs."""
    v = lo
    while v < hi and doc.toks[v].word and doc.toks[v].text in ("كما", "وكما"):
        v += 1
    if v >= hi or not doc.toks[v].word or v in by_tok or _strip_conj(doc.toks[v].text) not in _ACTS_ON or not (
            v > lo or _conjoined(doc.toks[v].text)) or not continued or any(
            (a := doc.actor(c)) is None or a.type != "person" for c in continued):
        return False
    first = next((by_tok[j][0] for j in range(v + 1, hi) if j in by_tok), None)
    if first is None or not _object_by_gender(doc, v, first):
        return False
    j = doc.last_tok[first] + 1
    while j < hi and (nxt := [k for k in by_tok.get(j, []) if doc.mentions[k].prefix == "و"]):
        j = doc.last_tok[nxt[0]] + 1  # (قطر ومصر: the objects listed)
    if j >= hi:
        return True
    w = _strip_conj(doc.toks[j].text)
    return doc.toks[j].text in (".", "!", "؟") if not doc.toks[j].word else _is_prep(w) or (
        len(w) > 3 and w[0] in "بل" and j not in by_tok and w not in _BL_NOUNS and not w.endswith("ون"))
    # (على جهودهما، بسبب دعمها، لدعمها; not لواء القدس، برلمانيون: the subject)


def _object_follows(doc: _Doc, k: int, by_tok: dict[int, list[int]]) -> bool:
    """An actor without a clitic follows mention ``k`` at once, or past ``بقيادة X`` (:data:`_ATTACHING`): ``k``'s
    object (``وهنأ التحالف الدولي بقيادة الولايات المتحدة القوات العراقية``)."""
    j = doc.last_tok[k] + 1
    if j + 1 < len(doc.toks) and doc.toks[j].text in _ATTACHING and j + 1 in by_tok:
        j = max(doc.last_tok[m] for m in by_tok[j + 1]) + 1
    return any(not doc.mentions[m].prefix and doc.can_speak(m) for m in by_tok.get(j, []))


def _visited(doc: _Doc, v: int, k: int) -> bool:
    """Mention ``k`` after the verb at token ``v`` that opens its clause may be its object with the subject after it:
    a state or city after ``زار`` (``وزار العراق وفد``), or a name that is the verb's object by gender
    (:func:`_object_by_gender`: ``واستقبل مصر وفد``) but after ``شكر``, which may thank two; not a person (``واستقبل
    الأسد وفد المعارضة``: he receives it)."""
    if not _opening_verb(doc, v) or doc.is_person(k):
        return False
    verb = _strip_conj(doc.toks[v].text)
    return verb in ("زار", "يزور") and doc.actor_type(k) in ("state", "city") or verb not in ("شكر", "يشكر") and \
        _object_by_gender(doc, v, k)  # (not وشكر السعودية، في خطابه، الملك سلمان: a second object)


def _subject_after_object(doc: _Doc, k: int, hi: int, by_tok: dict[int, list[int]]) -> list[int] | None:
    """Mention ``k`` (a verb's object) followed at once or past words set off by commas by the verb's subject: a person
    or a name that takes a masculine verb (``وزار دمشق، الاثنين، المبعوث الأممي ستيفان دي ميستورا``، ``وهاجم إسرائيل
    حزب الله``) or a delegation in the nominative (``وفد``، ``وفود``، ``ممثلو``; not ``وفدا``: ``وزار بغداد، الأحد، وفد
    روسي``، ``وزار الأردن وفد من الكونغرس``); those actors ([] for a delegation the table does not name), None where
    no subject follows."""
    j = doc.last_tok[k] + 1
    if j < hi and doc.toks[j].text in ("،", ","):
        j = next((n + 1 for n in range(j + 1, min(hi, j + 2 + MAX_GAP)) if doc.toks[n].text in ("،", ",")), hi)
    if j >= hi:
        return None
    if named := [m for m in by_tok.get(j, []) if doc.can_speak(m) and not doc.mentions[m].prefix and (
            doc.is_person(m) or not _feminine_name(doc, m))]:
        return named[:1]
    if doc.toks[j].text not in ("وفد", "وفود", "ممثلو") or (end := _delegation_end(doc, j, hi)) == j:
        return None  # (وزار موسكو، حيث التقى بوتين، ووفد تركي: whom he met; وفدا روسيا: the accusative, guests)
    if own := [m for m in by_tok.get(j, []) if doc.can_speak(m)]:
        return own  # (وفد روسي: the delegation named as its state's)
    end += end < hi and doc.toks[end].text == "من"
    return [m for m in by_tok.get(end, []) if doc.can_speak(m)]


def _media_subject(doc: _Doc, v: int, hi: int, by_tok: dict[int, list[int]]) -> bool:
    """The reporting verb at ``v`` has a news medium as its subject (``وذكرت وكالة سانا``): it reports, holding no
    stance, and what it reports has no agent of the sentence's stance."""
    for j in range(v + 1, min(hi, v + 1 + MAX_BEFORE)):
        if _boundary(doc.toks[j]):
            return False
        for k in by_tok.get(j, []):
            a = doc.actor(doc.mentions[k].actor)
            if a is not None and a.type == "media" and not doc.adjunct(k):
                return True
    return False


def _shares_subject(word: str, verb: str, found: list, clause: int, spoke: str, new_clause: bool) -> bool:
    """A verb joined by و/ف to a clause whose speaker is known, with a comma (``new_clause``: ``…، ودعت روسيا إلى``)
    or without (``رحبت روسيا بالاتفاق ودعت الولايات المتحدة إلى``), shares that speaker — unless its gender differs
    from that of the verb the speaker spoke by (``spoke``), where the noun after it is its own subject (``رحب لافروف
    بالاتفاق وطالبت تركيا``، ``رحبت تركيا بالاتفاق، ودعا أردوغان``)."""
    if spoke and _feminine(spoke) != _feminine(verb):
        return False
    return new_clause or (word != verb and any(k is not None and role == "speaker" and c == clause
                                               for k, _, role, c in found))


def _plural(verb: str) -> bool:
    """A third-person masculine plural form (حذروا، يطالبون، سيقولون; normalised, without و/ف): its subject is in it
    or before it, so the noun after it is its object. Not a singular whose root ends in ون (يكون، تتعاون، يتكون)."""
    stem = verb[1:] if verb[:1] == "س" else verb
    return len(verb) >= 4 and verb.endswith("وا") or (
        len(stem) >= 5 and stem[0] in "يت" and stem.endswith("ون") and not stem.endswith("اون")
        and stem[1:] not in _WAW_NUN_ROOTS)


def _sound_plural(word: str) -> bool:
    """An indefinite masculine sound plural of a participle or a nisba (مسؤولون، ناشطون، معارضون، دبلوماسيون;
    normalised, without و/ف): in construct it would have lost its ن, so a name right after it is no genitive."""
    return len(word) >= 6 and word.endswith("ون") and not word.startswith("ال") and (
        word[0] == "م" or word[1] == "ا" or word.endswith("يون")) and word not in _NOT_PLURALS and \
        not is_reporting_verb(word)


_NOT_PLURALS = {"تلفزيون", "تليفزيون", "ماكرون", "ميسون"}
"""Singular words of that shape."""

_WAW_NUN_ROOTS = {"تكون", "تلون"}
"""Form V stems of roots that end in و ن, whose singular present ends in ون as a plural does (يتكون، تتلون)."""


def _feminine(verb: str) -> bool:
    """A third-person feminine singular form (رحبت، دعت، ترحب)."""
    return verb.endswith("ت") or (verb[:1] == "ت" and "ي" + verb[1:] in _PRESENT)


def _contrasted_speaker(doc: _Doc, c: int, hi: int, by_tok: dict[int, list[int]]) -> list[int]:
    """After ``، لكن`` or ``، إلا أن`` in what someone says (``c``: the token after them), an actor who speaks by the
    verb of saying right after its name (``لكن واشنطن تتهمها``، ``إلا أن الحكومة السورية تتهم``), with those joined to
    it: the writer's contrast, a second speaker (the speaker's own state so named speaks too); [] otherwise."""
    first = [k for k in by_tok.get(c, []) if doc.can_speak(k) and not doc.adjunct(k)]
    if not first:
        return []
    v = doc.last_tok[first[0]] + 1
    if v >= hi or not doc.toks[v].word or not _reports(doc, v) or _strip_conj(doc.toks[v].text) in PARTICIPLES:
        return []
    return _with_coordinated(doc, first[0], by_tok)


def _self_reference(doc: _Doc, c: int, found: list, by_tok: dict[int, list[int]], continued: Sequence[str] = ()
                    ) -> list[int]:
    """``قال نتنياهو إن إسرائيل ستلتزم``: the reported clause's subject is the speaker's own state or
    organisation (a ``member_of``/``leader_of``/``part_of`` ancestor), which shares the stance."""
    speakers = _speaking(doc, found, continued)
    if not speakers:
        return []
    own = speakers.union(*(doc.ancestors(a) for a in speakers))  # (قال مسؤول تركي إن أنقرة: Turkey's capital)
    out = []
    c = _past_quotes(doc, c + 1)  # قالت الخارجية المصرية إن "مصر ترفض"
    for k in by_tok.get(c, []):
        a = doc.actor(doc.mentions[k].actor)
        if a is not None and (a.id in own or a.speaks_for in own) and not doc.adjunct(k):
            out.append(k)  # a capital (قال بلينكن إن واشنطن …) stands for its state, as everywhere
    return out


def _speaking(doc: _Doc, found: list, continued: Sequence[str]) -> set[str]:
    """The actors who speak in the clause so far: its speakers and sources, and a speaker continued from before that
    a continuation takes up (وأضافت أن روسيا)."""
    speakers = {a for k, a, r, _ in found if k is not None and r in ("speaker", "source", "continuation")}
    return speakers | {a for k, anaphor, _r, _c in found if k is None and isinstance(anaphor, Anaphor)
                       for a in continued if _takes_up(doc, anaphor, a)}


def _past_quotes(doc: _Doc, c: int) -> int:
    """The first token from ``c`` that is no quotation mark."""
    while c < len(doc.toks) and not doc.toks[c].word and doc.toks[c].text in _QUOTES:
        c += 1
    return c


_OWN_COUNTRY = {"بلاده", "بلادها", "حكومته", "حكومتها", "دولته", "دولتها"}
"""The speaker's country or government named by a pronoun (``قال لافروف إن بلاده``، ``إن حكومته ماضية``)."""


def _nested_speaker(doc: _Doc, said: int | None, c: int) -> bool:
    """What is said between the first complementizer at ``said`` and the one at ``c`` names someone else whose country
    the pronoun after ``c`` may be: a person or a counterpart by a pronoun (``قال أردوغان إن بوتين أبلغه بأن موسكو
    ملتزمة، وأن بلاده لن تسمح``: Russia's; ``إن نظيره الأمريكي أكد …، وأن بلاده``), or, for a feminine pronoun, a state
    or body that takes a feminine verb as the subject of a clause (``إن دمشق تعهدت …، وإن حكومتها``: Syria's; not
    ``إن لإسرائيل الحق …، وإن بلادها``)."""
    if said is None:
        return False
    j = _past_quotes(doc, c + 1)
    feminine = j < len(doc.toks) and doc.toks[j].text.endswith("ها")
    between = [k for k in range(len(doc.mentions)) if said < doc.first_tok[k] < c and doc.can_speak(k)]
    counterparts = COUNTERPARTS | {"نظيريه", "نظراءه"}  # (and the dual's and the plural's)
    return any(doc.is_person(k) or feminine and _feminine_name(doc, k) and not doc.mentions[k].prefix
               for k in between) or any(_strip_conj(t.text) in counterparts for t in doc.toks[said + 1:c])


def _own_state(doc: _Doc, c: int, found: list, continued: Sequence[str], clause: int) -> list[str]:
    """The one state of the clause's speakers when the reported clause after the complementizer at ``c`` opens with
    their country or government by a pronoun (``قال لافروف إن بلاده تدعم``: Russia): it shares the stance, as its
    name would (:func:`_self_reference`). The speakers are those named in the clause that opens at ``clause``, if any
    (``…، فيما قال بوتين إن بلاده``: Putin's, not the first speaker's too), else those of the sentence so far. None
    when the speakers belong to no state, or to several."""
    c = _past_quotes(doc, c + 1)
    if c >= len(doc.toks) or _strip_conj(doc.toks[c].text) not in _OWN_COUNTRY:
        return []
    named = [f for f in found if f[3] == clause and f[0] is not None and f[2] in ("speaker", "source")]
    states = {s for a in _speaking(doc, named or found, continued) for s in {a} | doc.ancestors(a)
              if (x := doc.actor(s)) is not None and x.type == "state"}
    return sorted(states) if len(states) == 1 else []


def _boundary(t: _Tok) -> bool:
    return (not t.word and t.text in _PUNCT_BOUNDARY) or _complementizer(t)


_KANA = {"كان", "كانت", "كانوا", "كانا", "كانتا"}


def _kana_subject(doc: _Doc, v: int, lo: int) -> bool:
    """The verb at ``v`` follows ``قد`` with words between it and a ``كان`` before (``وكان نائب رئيس الوزراء الروسي
    ديمتري روجوزين قد أشار``), or words with no verb of saying between a ``كان`` that opens the sentence and it (``وكانت
    وكالة الأناضول أفادت``): they are its subject, one the table may lack, and no last speaker goes on; not an
    anaphoric noun alone (``وكان الوزير قد أكد``: the last speaker)."""
    if v - 2 < lo:
        return False
    if doc.toks[v - 1].text not in ("قد", "لقد"):  # وكانت وكالة الأناضول أفادت: كان opening the sentence, no قد
        return _strip_conj(doc.toks[lo].text) in _KANA and v - lo <= MAX_TITLE and all(
            t.word for t in doc.toks[lo + 1:v]) and not any(_reports(doc, j) for j in range(lo + 1, v))
    for j in range(v - 2, max(lo, v - 2 - MAX_TITLE) - 1, -1):
        if doc.toks[j].word and _strip_conj(doc.toks[j].text) in _KANA:
            between = [t.text for t in doc.toks[j + 1:v - 1]]
            return bool(between) and not (len(between) == 1 and between[0] in ANAPHORS)  # (وكان الوزير قد أكد)
    return False


def _pronoun_subject(doc: _Doc, v: int, hi: int, verb: str) -> bool:
    """The verb has no noun subject (وأضاف أن، وأكد في بيان أن، وقال أمس إن، وتابع:، وحذر الولايات المتحدة من، ودعا
    الدول الثلاث: its object, :func:`_object_by_gender`): it continues the last speaker; so does a verb of going on
    (وأضاف، وتابع) unless a news medium is its subject (وأضافت الوكالة أن: the medium goes on)."""
    j = v + 1
    while j + 1 < hi and doc.toks[j].text in _NO_SUBJECTS:
        j += 1  # (وقال أمس إن، وأكد يوم الأحد أن، وأوضح أيضا أن)
    if j >= hi:
        return True
    t = doc.toks[j]
    if verb in CONTINUATION_VERBS:
        return not (t.word and _medium(t.text))
    if not t.word:
        return t.text in _PUNCT_BOUNDARY
    w = _strip_conj(t.text)
    return _complementizer(t) or w in _PREPS or w in PARTICIPLES or w in ("قائلا", "قائله") or (
        len(w) > 2 and w[0] == "ب" and not w.startswith("بال") and w[1:] in _PREPS) or any(
        doc.first_tok[k] == j and _object_by_gender(doc, v, k) for k in range(len(doc.mentions))) or \
        _group_object(doc, v, j, hi)


_HONOURED = {"سموه": ("سمو", "السمو"), "جلالته": ("جلاله", "الجلاله"), "فخامته": ("فخامه", "الفخامه"),
             "معاليه": ("معالي", "المعالي"), "معاليها": ("معالي", "المعالي"), "سيادته": ("سياده",),
             "سيادتها": ("سياده",)}
"""Each honorific with its pronoun, and the honorific a text gives the person it takes up (``سموه``: ``صاحب السمو``)."""


def _reported_in_sentence(doc: _Doc, k: int) -> bool:
    """Mention ``k`` follows a complementizer in its sentence: inside what someone says (``أكد الأمير فيصل أن المملكة
    تقدر جهود صاحب السمو الشيخ تميم``)."""
    f = doc.first_tok[k]
    for j in range(f - 1, -1, -1):
        t = doc.toks[j]
        if not t.word and t.text in _SENTENCE_ENDS:
            return False
        if _complementizer(t):
            return True
    return False


def _honoured_before(doc: _Doc, v: int, hi: int, continued: Sequence[str]) -> int | None:
    """The person that an honorific with its pronoun right after the verb at ``v`` takes up (``وأكد سموه``): the last
    one named before it in the text within a few words after the same honorific (``استقبل خادم الحرمين الشريفين …
    حضرة صاحب السمو أمير البلاد الشيخ صباح الأحمد …. وأكد سموه``: Sabah, whom the king received; ``وأعرب الرئيس
    الأوكراني … . وأكد سموه``: not the president; a mark after ``ل`` or ``ب`` too, ``شكره لجلالة الملك``; not one
    inside what someone said, nor one that belongs to a name after it); of several, the last of the last speakers
    (``أعلن صاحب السمو الأمير فيصل بن فرحان نجاح مساعي صاحب السمو الملكي الأمير محمد بن سلمان … . وأوضح سموه``:
    Faisal). Else None (then the last speaker, :func:`_anaphor`)."""
    if v + 1 >= hi or (marks := _HONOURED.get(_strip_conj(doc.toks[v + 1].text))) is None:
        return None

    def honoured(k: int) -> bool:  # a mark within four words before the name, no other name between
        f = doc.first_tok[k]
        for j in range(f - 1, max(-1, f - 5), -1):
            if doc.in_mention(j):
                return False
            w = _strip_conj(doc.toks[j].text)
            if w in marks or w[:1] in "لب" and w[1:] in marks:  # (لجلالة الملك، بسمو الأمير)
                return True
        return False

    people = [k for k in range(len(doc.mentions)) if doc.first_tok[k] < v and doc.is_person(k) and honoured(k)
              and not _reported_in_sentence(doc, k)]
    return max(people, key=lambda k: (doc.mentions[k].actor in continued, doc.first_tok[k]), default=None)


def _anaphor(doc: _Doc, v: int, hi: int, by_tok: dict[int, list[int]]) -> Anaphor | None:
    """Whom of the last speakers (:data:`ANAPHORS`) the noun right after the verb takes up, when it names no actor
    itself and nothing qualifies it but a state's nisba (``وأشار المصدر إلى أن``; ``وأكد الوزير الفرنسي أن``: a
    person of France's who leads nothing; not ``وقال الوزير الفرنسي السابق``), or an honorific (``وأكد سيادته``: a
    person, whatever follows), else ``None``."""
    j = v + 1
    if j >= hi or j in by_tok or not doc.toks[j].word:
        return None
    noun = _strip_conj(doc.toks[j].text)
    if j + 1 < hi and (noun, doc.toks[j + 1].text) in _HEADS_OF:  # وأكد رئيس الحكومة أن
        anaphor, after = _HEADS_OF[noun, doc.toks[j + 1].text], j + 2
    elif noun in _HONORIFICS:
        return Anaphor(("person",))  # وأكد سيادته ضرورة: his excellency, whatever follows
    elif noun in ANAPHORS:
        anaphor, after = Anaphor(ANAPHORS[noun], noun in _SUBORDINATES), j + 1
        after += after < hi and noun == "البيان" and doc.toks[after].text in ("المشترك", "الختامي")
    else:
        return None
    if after < hi and after not in by_tok and doc.toks[after].text.startswith("ال"):
        state = doc.table.nisba_of(doc.toks[after].text)  # وأكد الوزير الفرنسي أن: a French one who spoke before
        anaphor = anaphor._replace(state=state)
        after += state is not None
    if after < hi and not _noun_ends(doc.toks[after], full_stop=doc.word_before(v) not in _PREPS
                                     and (_strip_conj(doc.toks[v].text), noun) != ("ذكر", "المصدر")):
        return None
    return anaphor


_SENTENCE_ENDS = set(".!?؟…")
_DEMONSTRATIVES = {"ذلك", "هذا", "هذه", "تلك", "هذين", "هاتين", "هؤلاء"}
"""Demonstratives, normalised: after the noun at a verb (``ونفت الحركة ذلك``) they open its object, not a longer
name the noun heads (``وقالت الحركة الشعبية``: another movement)."""


def _noun_ends(t: _Tok, full_stop: bool = False) -> bool:
    """The noun right after a verb ends at token ``t``: a complementizer, a preposition, a demonstrative opening the
    verb's object (``ونفت الحركة ذلك``) or a clause's punctuation; not a word that may go on with its name (``وقالت
    الحركة الشعبية``). A sentence's end counts with ``full_stop`` (``ونفت الحركة.``، ``كما ذكر الجيش.``), which a
    verb's form after a preposition (its verbal noun: ``وجاء ذلك بعد رفض الحركة.``) and ``ذكر المصدر`` do not get:
    ``يرجى ذكر المصدر.`` closes a site's boilerplate, no statement."""
    if t.word:
        return _complementizer(t) or _strip_conj(t.text) in _PREPS or t.text in _DEMONSTRATIVES
    return _boundary(t) or (full_stop and t.text in _SENTENCE_ENDS)


def _subject_after(doc: _Doc, v: int, hi: int, by_tok: dict[int, list[int]]) -> list[int]:
    if _plural(_strip_conj(doc.toks[v].text)):
        return []  # وحذروا السلطات المصرية، ويطالبون روسيا: the state is the object
    first = i = _past_set_off_time(doc, v + 1, hi)  # (وأكدت، الاثنين، دول مجلس التعاون الخليجي: the subject next)
    opens = _opens_unjoined(doc, v)
    # (وقال، في مؤتمر صحفي، وزير الخارجية الروسي; وأعلن، مساء الأحد، في كلمة متلفزة، الرئيس اللبناني: a phrase next)
    phrase = _past_set_off_phrase(doc, v, hi, by_tok, first if first == v + 1 else first - 1, any_verb=opens)
    if phrase > first or first == v + 1:
        first = i = phrase
    if (members := _group_members(doc, first, hi, by_tok)) != []:
        if _group_object(doc, v, first, hi):
            return []  # ودعا الدول الثلاث، وهي روسيا وتركيا وإيران، إلى: its object, as a name would be
        return members or []  # أعلنت فصائل عراقية، بينها كتائب حزب الله: the group's named members speak
    if first > v + 1 and _strip_conj(doc.toks[v].text) not in _SAYING_PAST_COMMAS and not (
            opens and _agrees_after(doc, v, first, by_tok)):
        first = i = v + 1  # (وانتقدت، الخميس، وزير الخارجية البريطاني: past the commas, as often the verb's object)
    words = 0
    met = False  # past a meeting's noun, whose object comes next
    chain: list[int] = []
    while i < hi:
        t = doc.toks[i]
        if not chain and (close := _short_quote_end(doc, i, hi)) is not None:
            words += close - i - 1  # وانتقد "بشدة" وزير الخارجية الفرنسي: a quoted word or two, then the subject
            i = close + 1
            continue
        if chain and i == doc.last_tok[chain[-1]] + 1 and _list_comma(doc, i):
            i += 1  # (روسيا، وتركيا: the list goes on)
            continue
        if chain and i == doc.last_tok[chain[-1]] + 1 and (members := _apposed_list(doc, i, hi, by_tok)):
            chain += members  # الدول الضامنة لمسار أستانا، روسيا وتركيا وإيران، في بيانها: the members named
            i = doc.last_tok[members[-1]] + 2
            continue
        if (named := _named_aside(doc, i, hi, by_tok)) is not None and (
                _joins_chain(doc, chain, i, by_tok) if chain else not _meets(doc, first)
                and all(_strip_conj(doc.toks[j].text) not in _MET for j in range(first, i))):
            # وقال رئيس الوزراء الهندي، مانموهان سينغ، إن: the name between commas; after a title or a body
            # (المتحدث باسم الخارجية الأمريكية، نيد برايس، إن) it speaks with it
            if chain:
                chain.append(named)
                break
            i += 1
            continue
        if not chain and 0 < words <= 3 and (body := _spokesman_aside(doc, i, hi, by_tok)) is not None:
            chain = [body]  # وقال صلاح البردويل، المتحدث باسم حماس، إن: a spokesman the table lacks speaks for it
            break
        if _boundary(t) or (t.word and is_reporting_verb(t.text) and i > first):
            break
        if not t.word:
            i += 1
            continue
        if not chain and i == first and i not in by_tok and not doc.in_mention(i) and \
                _sound_plural(_strip_conj(t.text)) and any(not doc.mentions[k].prefix for k in by_tok.get(i + 1, [])):
            return []  # واتهم مسؤولون إيران، وانتقد ناشطون روسيا: the plural is the subject, the actor its object
        if not chain and _strip_conj(t.text) in _MEETINGS:
            met = True  # (وقال عون خلال استقباله قائد قوات اليونيفيل: who is met follows, then maybe the subject)
        for k in by_tok.get(i, []):
            if met and not chain:
                met = False
                continue
            if not chain:
                if (words < MAX_GAP or doc.is_person(k) and words < MAX_TITLE and doc.mentions[k].kind != "title"
                        and not doc.after_own_title(k) and _title_words(doc, first, i)) and \
                        not doc.adjunct(k) and doc.can_speak(k) and not doc.among_others(k) and (
                        doc.is_person(k) and not doc.possessed(k) or not doc.is_person(k)
                        and not doc.after_definite(k)):
                    if _owned_by_other(doc, k, v) or _states_of_object(doc, k, v) or (
                            first > v + 1 and _declared_after_commas(doc, k, v, hi, by_tok)) or \
                            _object_by_gender(doc, v, k):
                        return []  # (وجدد مورغولوف دعوة موسكو واشنطن: Moscow's call, Washington its object)
                    chain = [k]
            elif _linked(doc, chain, k):
                chain.append(k)
        if chain and i > doc.last_tok[chain[-1]] + MAX_GAP:
            break
        if not chain and not doc.in_mention(i):
            words += 1
            if words > MAX_GAP and not (words < MAX_TITLE and _title_words(doc, first, i + 1)):
                break
        i += 1
    chain += _holder_after(doc, chain, hi, by_tok) + _body_states_listed(doc, chain, hi, by_tok)
    return chain[1:] if _state_of_title(doc, chain) else chain


_MASCULINE_PLACES = {"الاتحاد", "الاحتلال", "الاردن", "البحرين", "البيت", "الجانب", "السودان", "الصومال", "العدو",
                     "العراق", "الكرملين", "الكريملين", "الكيان", "المجلس", "النظام", "نظام", "اليمن", "لبنان", "قصر",
                     "القصر", "جنوب", "شمال", "صوماليلاند", "نور", "ابو", "ارض", "الاليزيه", "المغرب", "الفاتيكان",
                     "الكونغو", "السنغال", "الكاميرون", "الغابون"}
"""First words (normalised) of states' and cities' names, in the table or likely in a user's, that take a masculine
verb (``وقال العراق``، ``وأعلن الكرملين``، ``وقال الجانب الروسي``) or may (``جنوب أفريقيا``، ``أبو ظبي``)."""


_FEMININE_HEADS = {"الامم", "الدول", "دول", "حماس"}
"""First words (normalised) of bodies' names that take a feminine verb with no ة or ات to show it (``الأمم
المتحدة``، ``دول الخليج``، ``حماس``)."""


def _feminine_name(doc: _Doc, k: int) -> bool:
    """Mention ``k`` names a state or a city whose name takes a feminine verb (``وقالت روسيا``، ``وقالت واشنطن``: all
    but :data:`_MASCULINE_PLACES`), or another body whose first word ends in ة or ات (``وقالت الحكومة``، ``حركة
    حماس``، ``القوات``) or is one of :data:`_FEMININE_HEADS` (``الأمم المتحدة``), by an alias; never a person, whose
    gender the table does not give, nor an unnamed official (``وقال مسؤول تركي``)."""
    m = doc.mentions[k]
    a = doc.actor(m.actor)
    if a is None or a.type == "person" or m.kind not in ("alias", "weak"):
        return False  # (وقال مسؤول تركي: an official, named by the noun that heads it)
    head = normalise_key(m.text).split(" ")[0]
    if head in _MASCULINE_PLACES:
        return False
    return a.type in ("state", "city") or head.endswith(("ه", "ات")) or head in _FEMININE_HEADS


_ACTS_ON = {"هاجم", "يهاجم", "زار", "يزور", "استقبل", "يستقبل", "شكر", "يشكر", "يقصف", "استهدف", "يستهدف", "التقي",
            "يلتقي", "يدعم", "ساند", "يساند", "حارب", "يحارب", "ابلغ", "يبلغ"}
"""Verbs of acting on someone (normalised, masculine), whose object may follow them at once (``وزار بغداد وفد``)."""


_SIGNING = {"وقع", "يوقع", "وقعت", "توقع"}
"""Verbs of signing (normalised, without و/ف), whose signer may follow whom they sign for (``ووقع عن الجانب
الروسي``)."""


def _signed_for(doc: _Doc, j: int, hi: int, by_tok: dict[int, list[int]]) -> list[int]:
    """A verb of signing at token ``j`` followed by ``عن`` and an actor that can speak: that actor, and the person named
    after it (past a title's words, not past a preposition: ``بحضور``), who signs for it (``ووقع عن الجانب الروسي وزير
    الدفاع سيرغي شويغو``، ``ووقع عن خادم الحرمين الشريفين الملك سلمان ولي العهد``), and so for each ``وعن`` after a
    comma or not (``، وعن الجانب الأوكراني وزير البنية التحتية``: Ukraine, its minister no table actor; past a party
    the table lacks); else none."""
    if j + 2 >= hi or not doc.toks[j].word or not (doc.toks[j].text in _SIGNING or
                                                    _strip_conj(doc.toks[j].text) in _SIGNING):
        return []  # (وقعت: a word of its own, ووقعت: with و)
    out: list[int] = []
    n = _past_signed_document(doc, j + 1, hi, by_tok) if _strip_conj(doc.toks[j].text) != "توقع" else j + 1
    first = n  # (وتوقع تقرير صادر عن وزارة الدفاع أن: توقع "expected", no document signed)
    while n + 1 < hi and doc.toks[n].text == ("عن" if n == first else "وعن"):
        party = [k for k in by_tok.get(n + 1, []) if doc.can_speak(k)][:1]
        out += party
        n = doc.last_tok[party[0]] + 1 if party else n + 1
        while party and any(doc.mentions[k].actor == doc.mentions[party[0]].actor for k in by_tok.get(n, [])):
            n = max(doc.last_tok[k] for k in by_tok[n]) + 1  # (خادم الحرمين الشريفين الملك سلمان: the same man)
        for m in range(n, min(hi, n + MAX_TITLE)):
            w = _strip_conj(doc.toks[m].text)
            if not doc.toks[m].word or not doc.in_mention(m) and (_is_prep(w) or w[:1] == "ب" or _complementizer(
                    doc.toks[m])):
                break  # (not بحضور الرئيس فلاديمير بوتين، برعاية: who was there)
            if people := [k for k in by_tok.get(m, []) if doc.is_person(k)
                          and not (party and doc.mentions[k].actor == doc.mentions[party[0]].actor)]:
                out.append(people[0])  # (وزير الدفاع سيرغي شويغو: after the title's words, the name)
                break
        while n < hi and doc.toks[n].word and doc.toks[n].text != "وعن":
            n += 1  # (to the comma before the next وعن, or to a وعن with none)
        n += n < hi and not doc.toks[n].word
    return out


_RECEIVING = {"تلقي", "يتلقي", "تلقت", "تتلقي"}
"""Verbs of receiving a call or a cable (normalised, without و/ف)."""
_CALLS = {"اتصالا", "اتصالين", "برقيه", "رساله", "مكالمه"}
"""What a leader receives from another (``اتصالا هاتفيا``، ``برقية تهنئة``، ``رسالة خطية``)."""


def _called_by(doc: _Doc, j: int, hi: int, by_tok: dict[int, list[int]]) -> list[int]:
    """A verb of receiving at token ``j`` (:data:`_RECEIVING`), then within its clause a call, a cable or a letter
    from an actor (``تلقى حضرة صاحب السمو الشيخ تميم بن حمد آل ثاني، اليوم، اتصالا هاتفيا من فخامة الرئيس جو
    بايدن``): the one who called or wrote acts, beside the receiver, the verb's subject (a person named after a title
    the table lacks; not the body of his title: ``من زعيم حزب العمال الكردستاني عبد الله أوجلان``). Else none."""
    j += j < hi and doc.toks[j].text in ("كما", "وكما")
    if j >= hi or not doc.toks[j].word or _strip_conj(doc.toks[j].text) not in _RECEIVING:
        return []
    for n in range(j + 1, min(hi, j + 1 + MAX_RELATIVE)):
        t = doc.toks[n]
        if _complementizer(t) or _reports(doc, n) or t.text in (".", "!", "؟"):
            return []
        if t.text in _CALLS and not doc.in_mention(n):
            m = next((m for m in range(n + 1, min(hi, n + 4)) if doc.toks[m].text == "من"), None)
            if m is None:
                return []
            k = _past_honorific(doc, m + 1, hi)
            p = _past_title(doc, k, hi, by_tok)  # (من فخامة الرئيس جو بايدن: a title the table lacks, then the name)
            named = [c for c in by_tok.get(p, []) if doc.can_speak(c)]
            later = any(doc.is_person(c) for w in range(k + 1, min(hi, k + MAX_TITLE)) for c in by_tok.get(w, []))
            return [c for c in named if doc.is_person(c)][:1] or (named[:1] if p == k and not later else [])
    return []


def _past_signed_document(doc: _Doc, j: int, hi: int, by_tok: dict[int, list[int]]) -> int:
    """The ``عن`` after what is signed, from token ``j`` right after a verb of signing (``ووقع البروتوكول الإضافي
    لمذكرة سوتشي عن الجانب الروسي``): up to :data:`MAX_GAP` words, none a preposition, a person or an actor other than
    a place (``ووقع الرئيس بوتين عن روسيا``: the signer himself), nor the signers' delegates (``ووقع ممثلون عن الجيش
    السوداني وقوات الدعم السريع``: :data:`_ON_BEHALF`); else ``j``."""
    for n in range(j, min(hi, j + 1 + MAX_GAP)):
        t = doc.toks[n]
        if t.text == "عن":
            return n
        if not t.word or _is_prep(_strip_conj(t.text)) or t.text in _ON_BEHALF or any(
                doc.is_person(k) or doc.actor_type(k) not in PLACE_TYPES for k in by_tok.get(n, [])):
            return j
    return j


def _opening_verb(doc: _Doc, j: int) -> bool:
    """Token ``j``, which opens a clause, is a verb that takes an object: a reporting verb or one of
    :data:`_ACTS_ON` (``وهاجم``، ``ويهدد``; not a noun in construct: ``وعلاقة روسيا``، ``وأهداف أمريكا``)."""
    t = doc.toks[j]
    return t.word and not doc.in_mention(j) and (is_reporting_verb(t.text) or _strip_conj(t.text) in _ACTS_ON)


_OBJECT_PRONOUNS = ("ه", "ها", "هم", "هما", "هن", "ني", "نا", "كم")
"""Object pronouns a verb may carry (normalised)."""


_VERBAL_NOUNS = {"رفض", "نفي", "دعم", "قصف", "طلب", "رد"}
"""Verbs (normalised) spelt as their verbal nouns, whose genitive acts (``رفض مصر استمرار المفاوضات``)."""


def _masculine(verb: str) -> bool:
    """``verb`` (normalised, without و/ف) may be a masculine singular verb: no feminine past, even with an object's
    pronoun (``نفته``، ``اتهمتها``; not ``اتهم``، ``يتهم``، ``سيتهم``, whose own letters end so), no word in ت (a
    present, ``تسعى``، ``ستشكل``, or a past of ``تعهد``'s and ``تبادل``'s forms, whose gender its shape does not
    show), no word in ة (``علاقة``), no verb spelt as its verbal noun (:data:`_VERBAL_NOUNS`)."""
    stem = verb[1:] if verb[:1] == "س" and len(verb) > 3 else verb
    return not (_feminine(verb) or stem[:1] == "ت" or verb.endswith("ه") or verb in _VERBAL_NOUNS or any(
        stem.endswith("ت" + p) and len(stem) - len(p) >= 3 for p in _OBJECT_PRONOUNS))


def _object_by_gender(doc: _Doc, v: int, k: int) -> bool:
    """Mention ``k``, right after the verb at token ``v`` or past words set off by commas after it, is its object: a
    name that takes a feminine verb (:func:`_feminine_name`) after a verb that is not feminine, whose subject is
    another, unnamed there (``وهاجم، في البيان ذاته، الولايات المتحدة وبريطانيا``، ``ودعا روسيا إلى``); a feminine
    name that is the subject takes the feminine (``وقالت روسيا``)."""
    return _feminine_name(doc, k) and _masculine_verb_before(doc, v, doc.first_tok[k])


def _masculine_verb_before(doc: _Doc, v: int, j: int) -> bool:
    """The token at ``v`` is a masculine verb (:func:`_masculine`) that opens its clause or takes و/ف, and token ``j``
    follows it at once or past words set off by commas."""
    verb = _strip_conj(doc.toks[v].text)
    if not _masculine(verb) or doc.word_before(v) not in _CONNECTIVES | _NEGATIONS | {""} and verb == doc.toks[v].text:
        return False  # (وهو ما نفته وزارة الدفاع: a feminine verb with its object's pronoun; أعلن اللواء سليم إدريس
        # رفض المعارضة: a verbal noun after a word, whose genitive acts)
    between = doc.toks[v + 1:j]
    return not between or (between[0].text in ("،", ",") and between[-1].text in ("،", ","))


_FEMININE_GROUPS = {d + w for w in ("دول", "فصائل", "حكومات", "منظمات", "جماعات", "عواصم") for d in ("", "ال")}
"""Plurals (normalised) of groups of states or bodies, which take a feminine verb (``ورحبت الدول الثلاث``)."""


def _group_object(doc: _Doc, v: int, j: int, hi: int) -> bool:
    """A group of :data:`_FEMININE_GROUPS` at token ``j``, or after a number there, is the object of the masculine
    verb at ``v`` before it (:func:`_masculine_verb_before`: ``ودعا الدول الثلاث، وهي``، ``ودعا سبع دول، بينها``)."""
    g = j + (j + 1 < hi and _number(doc.toks[j].text))  # (سبع دول; not قادة الفصائل: the factions' leaders)
    return g < hi and doc.toks[g].text in _FEMININE_GROUPS and _masculine_verb_before(doc, v, j)


_STATES_BODIES = {"سفاره", "سفارات", "حكومه", "حكومات", "وزاره", "رئاسه", "خارجيه", "دفاع", "جيش", "قوات", "سلطات",
                  "برلمان", "مجلس", "نظام", "دوله", "جمهوريه", "مملكه", "وزراء", "مسؤولو", "مسؤولي", "قياده", "بعثه",
                  "مندوب", "ممثل", "ممثليه", "قنصليه", "وفد", "جانب", "حكام", "زعماء", "قاده", "شرطه", "مفتي",
                  "مكتب", "تمثيل", "عهد", "مصادر", "مصدر", "مسؤول", "مسؤولين", "ناطق", "متحدث"}
"""Nouns whose genitive state speaks or acts through them (``سفارة روسيا``، ``قادة إيران``), unlike a private body's
(``جمعية كاريكاتير إيران``)."""
_STANCE_NOUNS = {"دعوه", "دعم", "قلق", "موقف", "رفض", "ترحيب", "تاييد", "ادانه", "تحذير", "معارضه", "وقوف", "عزم",
                 "حرص", "استعداد", "رغبه", "التزام", "مطالبه", "تمسك", "اصرار", "نظر", "قرار", "اعلان", "تصريح",
                 "بيان", "اتهام", "سعي", "نيه", "اعتراض", "احتجاج", "تهديد", "مطالب", "تعهد", "استنكار", "شجب",
                 "مبادره", "اقتراح", "طلب", "رد", "تاكيد", "تحفظ", "قبول", "موافقه", "مساعي", "جهود"}
"""Verbal nouns of a stance whose genitive state holds it (``دعوة موسكو``، ``قلق مصر``، ``إدانة السعودية``)."""
_APPOSING = {"هي", "هم", "وهي", "وهم", "كذلك", "وكذلك", "خصوصا", "سيما", "ولاسيما", "لاسيما", "منها", "بينها"}
"""Words before a state that name it in apposition or a list, not as a genitive (``دول أربع هي السعودية``)."""


def _owned_by_other(doc: _Doc, k: int, v: int) -> bool:
    """State (or capital) mention ``k`` is the genitive of a noun after the verb at ``v`` that is no body, office or
    people of it, nor a stance it holds (``وقال مسعود شوغاي مدير جمعية كاريكاتير إيران``، ``رئيس جامعة دمشق``، ``عن بدء
    الولايات المتحدة``): it owns that thing and says nothing. Not after a stance's noun right after the verb, or
    after ``عن`` (``وجدد مورغولوف دعوة موسكو``، ``أعرب عن قلق مصر``), a definite word (``للداخلية السعودية``) or
    ``هي``."""
    a = doc.actor(doc.mentions[k].actor)
    j = doc.first_tok[k] - 1
    if a is None or not (a.type == "state" or a.speaks_for) or doc.mentions[k].prefix or j <= v + 1 or \
            not doc.toks[j].word or doc.in_mention(j):
        return False
    w = _strip_conj(doc.toks[j].text)
    held = w in _STANCE_NOUNS and (j <= v + 2 or doc.word_before(j) == "عن")  # (وجدد X دعوة موسكو، أعرب عن قلق مصر)
    return not (held or w in _TITLE_HEADS | _DELEGATIONS | _STATES_BODIES | _ATTACHING | _APPOSING or
                w.startswith(("ال", "لل")) or _is_prep(w) or is_reporting_verb(w) or w.isdigit())


def _states_of_object(doc: _Doc, k: int, v: int) -> bool:
    """International body mention ``k`` is the genitive of a state group's noun (:data:`_STATE_GROUPS`) that the
    verb at ``v`` has a closed subject before (:func:`_closed_subject`): the states are its object (``وطالبت الحكومة
    الليبية دول الاتحاد الأوروبي، ومنها فرنسا، بوقف``، ``طالب والد ريجيني دول الاتحاد``); not after words of time,
    adverbs or a prepositional phrase alone (``وطالبت أمس دول الاتحاد``، ``ورحبت بدورها دول``، ``وطالبت في بيان
    مشترك دول``), a quantifier (``وقالت معظم دول الاتحاد``), a noun in construct with the group (``وزراء مالية دول
    الاتحاد``، ``سفراء دول``، ``عواصم دول``) or with ``ودول`` (``وطالبت دول عربية ودول الاتحاد``: they speak)."""
    j = doc.first_tok[k] - 1
    if doc.actor_type(k) != "international_org" or doc.mentions[k].prefix or j <= v + 1 or \
            _strip_conj(doc.toks[j].text) != doc.toks[j].text or doc.toks[j].text not in _STATE_GROUPS:
        return False
    n = _past_set_off_time(doc, v + 1, j)  # (وطالبت، الاثنين، الحكومة الليبية دول الاتحاد)
    while n < j and _no_subject(doc, n):
        n += 1
    end = j
    while end > n and _no_subject(doc, end - 1):
        end -= 1
    return n < end and _closed_subject(doc, n, end)


_TIME_WORDS = _WHEN | _TIMES | {"يوم"}
"""Words of time (``أمس``، ``مساء``، ``الخميس``، ``يوم``)."""
_TIME_ADJECTIVES = {"الماضي", "الماضيه", "المقبل", "المقبله", "الجاري", "الحالي", "الحاليه", "المنصرم", "الفائت",
                    "الفائته", "الاول"}
"""Adjectives of a word of time (``الأسبوع الماضي``، ``الجمعة المقبلة``، ``أمس الأول``): of the time phrase, no
subject."""
_NOT_SUBJECTS = _NO_SUBJECTS | _PARTICLES
"""Words after a verb that are no subject of it (:func:`_no_subject`)."""


def _time_word(doc: _Doc, n: int) -> bool:
    """Token ``n`` is a word of time (:data:`_TIME_WORDS`) or a word of time's adjective after one (``الأسبوع
    الماضي``), no actor's."""
    w = _strip_conj(doc.toks[n].text)
    return doc.toks[n].word and not doc.in_mention(n) and (w in _TIME_WORDS or w in _TIME_ADJECTIVES and n > 0 and (
        _strip_conj(doc.toks[n - 1].text) in _TIME_WORDS))


def _no_subject(doc: _Doc, n: int) -> bool:
    """Token ``n`` after a verb is a word of time, an adverb or a connective (``أمس``، ``مساء الأحد``، ``أيضا``،
    ``بدورها``), or a word of time's adjective (``الأسبوع الماضي``: :func:`_time_word`)."""
    w = _strip_conj(doc.toks[n].text)
    return not doc.in_mention(n) and (w in _NOT_SUBJECTS or w.startswith("بدور") or _time_word(doc, n))


def _closed_subject(doc: _Doc, n: int, end: int) -> bool:
    """Tokens ``n`` to ``end`` are a whole noun phrase, a verb's subject: actors (``مصر``), a definite phrase
    (``الحكومة الليبية``), a noun with its definite genitive (``أهالي المعتقلين``), a person's kin (:data:`_KIN`)
    with a genitive (``والد ريجيني``) or an indefinite plural with its adjectives (``منظمات حقوقية``); not a
    preposition's phrase, a quantifier, a body, office or people of the states or a noun in construct with them
    (``وزراء مالية``، ``سفراء``، ``مصادر في``)."""
    toks = doc.toks[n:end]
    if not all(t.word for t in toks) or _is_prep(_strip_conj(toks[0].text)) or _is_prep(toks[-1].text) or \
            _strip_conj(toks[0].text).startswith(("بال", "لل", "كال")):  # (ورحبت بالاتفاق السعودي دول: no subject)
        return False
    if all(doc.in_mention(m) or doc.toks[m].text.startswith("ال") for m in range(n, end)):
        return True
    head, *rest = [_strip_conj(toks[0].text)] + [t.text for t in toks[1:]]
    if not rest or head in (_STATES_BODIES | _CONSTRUCT_OFFICES | _TITLE_HEADS | _DELEGATIONS | _PEOPLE
                            | _SOURCE_NOUNS | _QUANTIFIERS | _STATE_GROUPS):
        return False
    if all(w.startswith("ال") for w in rest) or toks[0].text in _KIN or head in _KIN:  # (والد: no و to strip)
        return True
    return head.endswith(("ات", "ون")) and all(w.endswith(("يه", "ي", "ون", "ين")) for w in rest)


_KIN = {"والد", "والده", "عائله", "اسره", "ذوو", "ذوي", "اهالي", "اهل", "شقيق", "شقيقه", "زوجه", "ارمله"}
"""Nouns of a person's kin, whose genitive, named or not, closes the phrase (``طالب والد ريجيني``)."""

_SPOKESMEN = {"المتحدث", "المتحدثه", "الناطق", "الناطقه"}
"""A spokesperson's noun, before ``باسم`` and the body they speak for."""


def _spokesman_at(doc: _Doc, k: int) -> int | None:
    """The token where ``المتحدث (الرسمي) باسم`` before mention ``k`` starts, else ``None``."""
    j = doc.first_tok[k] - 1
    if j < 1 or doc.toks[j].text != "باسم":
        return None
    j -= doc.toks[j - 1].text in ("الرسمي", "الرسميه", "الاعلامي", "الاعلاميه")
    return j - 1 if j >= 1 and _strip_conj(doc.toks[j - 1].text) in _SPOKESMEN else None


def _spokesman_aside(doc: _Doc, c: int, hi: int, by_tok: dict[int, list[int]]) -> int | None:
    """The body whose spokesman, named by a name the table lacks, a title between the comma at token ``c`` and another
    comma or ``إن`` sets off (``صلاح البردويل، المتحدث باسم حماس، إن``), else ``None``."""
    if doc.toks[c].text not in ("،", ","):
        return None
    for j in range(c + 2, min(hi, c + 5)):
        body = next((k for k in by_tok.get(j, []) if doc.can_speak(k) and _spokesman_at(doc, k) == c + 1), None)
        if body is not None:
            after = doc.last_tok[body] + 1
            return body if _ends_aside(doc, after, hi) else None
    return None


_TITLE_HEADS = {p + w for p in ("", "ال") for w in (
    "متحدث", "متحدثه", "ناطق", "ناطقه", "نائب", "مساعد", "مساعده", "مستشار", "مستشاره", "وزير", "وزيره", "رئيس",
    "رئيسه", "سفير", "سفيره", "مندوب", "مندوبه", "ممثل", "ممثله", "مبعوث", "مبعوثه", "قائد", "امين", "مفوض", "مفوضه",
    "منسق", "منسقه", "مدير", "مديره", "زعيم", "عضو", "امير")}
"""Nouns that open a title (``المتحدث``، ``نائب``، ``المندوب``، ``أمير البلاد``)."""
_HONORIFIC_WORDS = {"سمو", "فخامه", "معالي", "سياده", "جلاله", "سعاده", "حضره"}
"""Honorifics before a title or a name (``سمو أمير البلاد الشيخ صباح الأحمد``، ``فخامة الرئيس``), normalised; with
``صاحب السمو (الملكي)``، ``صاحب الجلالة`` and ``السيد الرئيس`` (:func:`_past_honorific`)."""
_HIGHNESSES = {"السمو", "الجلاله", "المعالي", "الفخامه"}


def _past_honorific(doc: _Doc, j: int, hi: int) -> int:
    """The token after the honorifics from token ``j`` (:data:`_HONORIFIC_WORDS`: ``حضرة صاحب السمو``، ``صاحب السمو
    الملكي``، ``السيد الرئيس``'s ``السيد``), else ``j``."""
    toks = doc.toks
    while j + 1 < hi and (toks[j].text in _HONORIFIC_WORDS or toks[j].text == "صاحب" and toks[j + 1].text in
                                 _HIGHNESSES or toks[j].text == "السيد" and toks[j + 1].text == "الرئيس"):
        j += 1 + (toks[j].text == "صاحب")
        j += j < hi and toks[j].text == "الملكي" and toks[j - 1].text == "السمو"
    return j


def _title_words(doc: _Doc, lo: int, hi: int) -> bool:
    """Tokens ``lo``–``hi`` can be a title (``المتحدث باسم مجلس الأمن القومي الأمريكي``): the first a title's noun, the
    rest :func:`_plain_words`, with no other title's noun after them but a minister's after a deputy's right after a
    verb of saying (``قال نائب رئيس الوزراء وزير الخارجية``; not ``استقبل نائب رئيس الوزراء وزير الخارجية``: the
    object)."""
    def is_head(j: int) -> bool:
        return doc.toks[j].text in _TITLE_HEADS or _strip_conj(doc.toks[j].text) in _TITLE_HEADS

    # (نائب وزير الخارجية: one title; المبعوث الأممي رئيس المجلس الرئاسي: a second noun phrase, the object; but a
    # deputy's office, then his portfolio: نائب رئيس الوزراء وزير الخارجية وشؤون المغتربين أيمن الصفدي)
    restarts = [j for j in range(lo + 1, hi) if is_head(j) and not is_head(j - 1)]
    return lo < hi and is_head(lo) and _plain_words(doc, lo + 1, hi) and (not restarts or len(restarts) == 1 and (
        doc.toks[lo].text == "نائب" and doc.toks[restarts[0]].text in ("وزير", "وزيره") and lo > 0
        and is_reporting_verb(doc.toks[lo - 1].text)))


def _plain_words(doc: _Doc, lo: int, hi: int) -> bool:
    """Tokens ``lo``–``hi`` are words of one noun phrase: none a definite one led by بـ, a preposition, a relative, a
    complementizer, a time (but ``العام`` of ``القائد العام``) or a reporting verb."""
    return all(t.word and (w := t.text) not in _PREPS and w not in _WHEN and w not in _TIMES - {"العام"}
               and w not in _RELATIVES and not w.startswith("بال") and not _complementizer(t)
               and not is_reporting_verb(w) for t in doc.toks[lo:hi])


_CONSTRUCT_OFFICES = {"خارجيه", "دفاع", "داخليه", "وزراء", "رئيس", "رئيسه", "وزير", "وزيره", "ملك", "امير", "سفير",
                      "سفيره", "مندوب", "مندوبه", "نائب", "حكومه", "عهد", "حاكم"}
"""Office nouns in construct with a state's name (``وزير خارجية روسيا``، ``مندوب سوريا``، ``ولي عهد أبوظبي``، ``حاكم
دبي``)."""


def _holder_after(doc: _Doc, chain: list[int], hi: int, by_tok: dict[int, list[int]]) -> list[int]:
    """The person named after more of a title when the subject ``chain`` is a lone state or body in an office's
    construct (``رئيس مجلس السيادة الانتقالي قائد الجيش الفريق أول عبد الفتاح البرهان``): the title's holder, who
    speaks with it; [] otherwise."""
    if len(chain) != 1 or doc.is_person(chain[0]) or doc.prev_word(chain[0]) not in _CONSTRUCT_OFFICES:
        return []
    j = doc.last_tok[chain[0]] + 1
    for i in range(j, min(hi, j + MAX_TITLE)):
        people = [k for k in by_tok.get(i, []) if doc.is_person(k) and doc.mentions[k].kind != "title"
                  and not doc.after_own_title(k)]
        if people:  # (رئيس الوفد الروسي ألكسندر لافرنتييف: the name right after; past إلى أستانا)
            return people[:1] if i == j or _title_words(doc, j, i) or _place_aside(doc, j, i) else []
        if not doc.toks[i].word:
            return []
    return []


def _state_of_title(doc: _Doc, chain: list[int]) -> bool:
    """The subject ``chain`` opens with a state in a title's construct, followed by the person who holds it (``وزير
    خارجية روسيا سيرغي لافروف``): the person speaks, the state is the title's genitive, as in ``وزير الخارجية
    الروسي``."""
    return len(chain) > 1 and doc.actor_type(chain[0]) == "state" \
        and doc.prev_word(chain[0]) in _CONSTRUCT_OFFICES and doc.is_person(chain[1])


def _apposed_list(doc: _Doc, c: int, hi: int, by_tok: dict[int, list[int]]) -> list[int]:
    """The actors, two or more joined by و, that a comma at token ``c`` opens and another comma closes (``الدول
    الضامنة، روسيا وتركيا وإيران، …``): an apposition naming the members; [] where there is none."""
    if doc.toks[c].text not in ("،", ","):
        return []
    first = [k for k in by_tok.get(c + 1, []) if doc.can_speak(k)]
    if not first:
        return []
    chain = _with_coordinated(doc, first[0], by_tok)
    after = doc.last_tok[chain[-1]] + 1
    return chain if len(chain) > 1 and after < hi and doc.toks[after].text in ("،", ",") else []


def _ends_aside(doc: _Doc, i: int, hi: int) -> bool:
    """Token ``i`` closes a phrase set off after a comma: another comma, or ``إن``/``أن`` (what the speaker says)."""
    return i < hi and (doc.toks[i].text in ("،", ",") or _complementizer(doc.toks[i]))


def _named_aside(doc: _Doc, c: int, hi: int, by_tok: dict[int, list[int]]) -> int | None:
    """The person named between the comma at token ``c`` and another comma or ``إن``/``أن`` (``وقال رئيس الوزراء
    الهندي، مانموهان سينغ، إن``), else ``None``."""
    if doc.toks[c].text not in ("،", ","):
        return None
    people = [k for k in by_tok.get(c + 1, []) if doc.is_person(k)]
    after = doc.last_tok[people[0]] + 1 if people else hi
    return people[0] if _ends_aside(doc, after, hi) else None


_MET = {*_MEETINGS, "مع", "لقاء", "اتصال", "اجتماع", "مباحثات", "محادثات"}
"""Words of a meeting: a name between commas after one is who was met (``في اتصال مع نظيره، فلاديمير بوتين``)."""


def _joins_chain(doc: _Doc, chain: list[int], c: int, by_tok: dict[int, list[int]]) -> bool:
    """A name between commas at token ``c`` after the subject ``chain`` is the subject's too (``مندوب سوريا الدائم في
    الأمم المتحدة، بشار الجعفري``): no other actor outside a prepositional phrase, and no meeting, between them
    (``وانتقد أردوغان الرئيس السوري، بشار الأسد``: an object's)."""
    between = range(doc.last_tok[chain[-1]] + 1, c)
    return not any(m not in chain and not doc.adjunct(m) for j in between for m in by_tok.get(j, [])) and \
        not any(_strip_conj(doc.toks[j].text) in _MET for j in between)


_IN_IT = {"فيه", "فيها", "فيهما", "فيهم"}
"""``في`` with a pronoun after a verb (``بيانا أعلن فيه``، ``كلمة أكد فيها``): a clause describing the statement or
speech that the sentence's opener issued or gave."""


def _resumed_agents(doc: _Doc, v: int, lo: int, hi: int, by_tok: dict[int, list[int]]) -> list[int]:
    """The agent that opens the sentence, as the subject of the reporting verb at ``v`` that describes what it issued
    (``أصدر الجولاني بيانا أعلن فيه``، ``ألقى أردوغان كلمة أكد فيها``); not where an actor right after فيها is the
    verb's own subject (``عقد مجلس الأمن جلسة قال فيها المندوب الروسي``); [] otherwise."""
    if v + 1 >= hi or doc.toks[v + 1].text not in _IN_IT or _conjoined(doc.toks[v].text):
        return []
    j = v + 2
    while j < min(hi, v + 5) and j not in by_tok and doc.toks[j].text.startswith("ال"):
        j += 1  # (قال فيها المندوب الروسي فاسيلي نيبينزيا: a title, then the name)
    if any(doc.can_speak(k) and not doc.adjunct(k) for k in by_tok.get(j, [])):
        return []
    return _agents(doc, lo, v, by_tok)


def _agrees(doc: _Doc, k: int, verb: str, lo: int, bound: bool = False) -> bool:
    """The subjectless verb (normalised, without و/ف) can take mention ``k``, which opens the sentence from token
    ``lo``, as its subject: of the gender of the opener's own verb (وزارت بيربوك بيروت، وقالت; وعقد حزب الله مؤتمرا،
    وأكد), else a person with a masculine verb (وقال) and a state or body with a feminine one (وقالت، وتقول); never
    armed forces, whose acts are narrated, unless ``bound``: a pronoun before the verb takes up the opener, which an
    object of its own follows (``وهنأ التحالف الدولي القوات العراقية بالنصر، لكنه حذر``; not ``وهنأ الجيش العراقي
    بالنصر، لكنه حذر``: the army is whom the last speaker congratulates)."""
    a = doc.actor(doc.mentions[k].actor)
    if a is None or a.type == "armed_forces" and not bound:
        return False
    feminine = verb in _FEMININE  # (قالت، دعت، تقول; not لفت، تابع)
    before = [_strip_conj(t.text) for t in doc.toks[lo:doc.first_tok[k]] if t.word]
    if before and not doc.in_mention(doc.first_tok[k] - 1):
        return (before[-1].endswith("ت") and len(before[-1]) >= 4) == feminine  # (زارت، عقدت; not بات)
    return feminine != (a.type == "person")


def _meets(doc: _Doc, j: int) -> bool:
    """Token ``j`` opens a prepositional or meeting phrase (``في اتصال مع نظيره``، ``خلال لقائه``): a name after it is
    who was met, not the subject."""
    w = _strip_conj(doc.toks[j].text)
    return _is_prep(w) or w in _MEETINGS


def _short_quote_end(doc: _Doc, i: int, hi: int) -> int | None:
    """Where a quotation that opens at token ``i`` and holds one to three words and no actor closes; None when
    token ``i`` opens none, or a longer one (what is said, not part of the clause's frame)."""
    opening = doc.toks[i].text
    if opening not in _OPEN_QUOTES and opening != '"':
        return None
    closing = _NAME_QUOTES.get(opening, "")
    for j in range(i + 1, min(hi, i + 5)):
        t = doc.toks[j]
        if t.word and doc.in_mention(j):
            return None
        if not t.word:
            return j if t.text in closing and j > i + 1 else None
    return None


def _wa_tokens(doc: _Doc, k: int) -> int | None:
    """The tokens of the و that coordinates mention ``k`` to what comes before it: 0 where it is the mention's clitic
    (``وتركيا``), 1 where it stands alone, before a quoted name (``و«تركيا»``, its quotes dropped) or after a space
    (``و تركيا``) or on the aircraft or delegation that act for it (``الطائرات الروسية ومقاتلات التحالف الدولي``) or,
    before an international body, on its states (``الحكومة اليمنية ودول مجلس التعاون الخليجي``); None where no و
    does."""
    if doc.mentions[k].prefix == "و":
        return 0
    before = doc.first_tok[k] - 1
    if before < 0 or doc.in_mention(before):
        return None
    states = doc.toks[before].text == "ودول" and doc.actor_type(k) == "international_org"
    return 1 if states or _wa_word(doc.toks[before].text) else None


def _wa_word(word: str) -> bool:
    """A word of its own that coordinates what follows: و alone, or و on an aircraft or delegation noun (``ومقاتلات``;
    not ``ووفدا``, an object)."""
    return word == "و" or (word[:1] == "و" and word[1:] in _DELEGATIONS - {"وفدا"})


def _list_comma(doc: _Doc, i: int) -> bool:
    """Token ``i`` is a comma followed right away by a و-prefixed mention: a list's comma, not a clause's end."""
    return doc.toks[i].text in ("،", ",") and i + 1 in doc.wa_starts


def _linked(doc: _Doc, chain: list[int], k: int) -> bool:
    """A later mention in the subject phrase that also speaks: the same actor, a person named after an
    organisation or title (apposition), or an actor coordinated by و right after the last one."""
    if _counterpart(doc, doc.last_tok[chain[-1]] + 1, doc.first_tok[k]) and doc.is_person(k):
        return True  # وزير الخارجية الأمريكي جون كيري ونظيره الروسي سيرغي لافروف: both speak
    if doc.adjunct(k) or not doc.can_speak(k):
        return False
    head = doc.mentions[chain[0]]
    m = doc.mentions[k]
    if m.actor == head.actor:
        return True
    gap = doc.first_tok[k] - doc.last_tok[chain[-1]] - 1
    if gap > 1 and _place_aside(doc, doc.last_tok[chain[-1]] + 1, doc.first_tok[k]):
        gap = 1  # رئيس حركة حماس في قطاع غزة خليل الحية: the name past the place
    # a body's spokesman or head (المتحدث باسم جماعة الحوثي العميد يحيى سريع، قائد الجيش الوطني الليبي المشير حفتر)
    spokesman = doc.prev_word(chain[0]) in ("باسم", "قائد", "رئيس", "زعيم")
    between = [doc.toks[j].text for j in range(doc.last_tok[chain[-1]] + 1, doc.first_tok[k])]
    if spokesman and gap >= 1 and (all(w in _RANKS for w in between) or len(between) <= 3 and (
            between[0][:2] == "لل" or between[0] == "باللغه")
            and all(w.startswith("ال") and w not in _TITLE_HEADS for w in between[1:])):
        gap = 0  # a rank or a field before the spokesman's name (المتحدث باسم الجيش الإسرائيلي للإعلام العربي)
    if gap == 1 and _list_comma(doc, doc.last_tok[chain[-1]] + 1) and doc.mentions[k].prefix == "و":
        return True  # روسيا، وتركيا، وإيران: a list written with commas before each و
    lo = doc.last_tok[chain[-1]] + 1
    if doc.is_person(k) and m.kind != "title" and doc.is_person(chain[-1]) and 1 < gap <= MAX_TITLE and \
            between[0][:1] == "و" and between[0][1:] in _TITLE_HEADS and _title_words(doc, lo, doc.first_tok[k]):
        return True  # نجيب ميقاتي ورئيس مجلس النواب نبيه بري: a second title the table lacks and its holder
    if doc.is_person(k) and gap <= 1 and (not doc.is_person(chain[0]) or doc.prev_word(chain[0]) == "باسم"):
        # a name in apposition (المتحدث باسم الكرملين دميتري بيسكوف، باسم الأمين العام ستيفان دوجاريك: the
        # spokesman's); one with its own title is an object
        # (وانتقد البيت الأبيض الرئيس السوري بشار الأسد، وزير الخارجية الروسي سيرغي لافروف)
        if gap == 1 and doc.toks[lo].word and not doc.toks[lo].text.startswith("ال") and \
                _strip_conj(doc.toks[lo].text) not in _RANKS | _ATTACHING:
            return False  # ورفضت إسرائيل دعوة غوتيريش: the name owns the object's noun (not بقيادة خليفة حفتر)
        first = _strip_conj(doc.toks[doc.first_tok[k]].text)
        return m.kind != "title" and (not first.startswith("ال") or (spokesman and first in _RANKS))
    return gap == _wa_tokens(doc, k)


def _counterpart(doc: _Doc, lo: int, hi: int) -> bool:
    """Tokens ``lo``–``hi`` are ``ونظيره`` (and a state's adjective): the one named next is the counterpart, joined to
    the phrase before (``كيري ونظيره الروسي لافروف``; without و, ``التقى نظيره``, it is met)."""
    words = [doc.toks[t] for t in range(lo, hi)]
    return (0 < len(words) <= 2 and all(w.word for w in words) and words[0].text[:1] == "و"
            and words[0].text[1:] in COUNTERPARTS and all(
                w.text.startswith("ال") and doc.table.nisba_of(w.text) is not None for w in words[1:]))


def _place_aside(doc: _Doc, lo: int, hi: int) -> bool:
    """Tokens ``lo``–``hi`` are ``في`` or ``إلى`` and one place (``في قطاع غزة``، ``إلى أستانا``), set between an
    organisation or a delegation and its person."""
    if doc.toks[lo].text not in ("في", "الي") or not all(doc.in_mention(t) for t in range(lo + 1, hi)):
        return False
    k = doc.starting.get(lo + 1)
    place = doc.actor(doc.mentions[k].actor) if k is not None and doc.last_tok[k] == hi - 1 else None
    return place is not None and place.is_place


def _subject_before(doc: _Doc, v: int, lo: int, by_tok: dict[int, list[int]], *,
                    adjacent_only: bool = False) -> list[int]:
    """An actor just before the verb (SVO: لافروف أكد، وكان لافروف قد أكد، الحوثيين اتهموا)."""
    in_sent = {k for ks in by_tok.values() for k in ks}
    words = 0
    i = v - 1
    while i >= lo:
        t = doc.toks[i]
        if _boundary(t):
            aside = _aside_before(doc, i, lo)
            if aside is None:
                return []
            i = aside - 1  # الجبير، من جهته، شدد: the subject before the aside
            continue
        if t.word:
            ending = sorted(k for k in in_sent if doc.last_tok[k] == i)
            if ending:
                k = ending[0]
                ok = not doc.adjunct(k) and doc.can_speak(k)
                return _coordinated_before(doc, k, in_sent) if ok else []
            if adjacent_only and _strip_conj(t.text) not in _PARTICLES:
                return []
            words += 1
            if words > MAX_BEFORE:
                return []
        i -= 1
    return []


def _fronted_noun(doc: _Doc, v: int, lo: int) -> bool:
    """The sentence opens with a noun phrase of one to three words that names no actor, right before the present
    verb at ``v``: the verb's subject (headline style: ``الشعب التركي يرفض حكم أردوغان``، ``المبعوث الدولي يطالب تل
    أبيب``), so the actors after the verb are its objects."""
    words = doc.toks[lo:v]
    first = _strip_conj(words[0].text) if words else ""
    verb = _strip_conj(doc.toks[v].text)
    present = any(f in _PRESENT or "ي" + f[1:] in _PRESENT
                  for f in (verb, verb.removesuffix("ون"), verb.removesuffix("ن")))  # (يدعون: يدعو + ن)
    # (الوزير الروسي يؤكد: an anaphor, with a state's nisba or alone; المبعوث الدولي: a phrase)
    anaphor = first in ANAPHORS and all(doc.table.nisba_of(t.text) for t in words[1:])
    return (0 < len(words) <= 3 and all(t.word and not doc.in_mention(lo + n) for n, t in enumerate(words))
            and first.startswith("ال") and first not in _CONNECTIVES | _TIMES | _PREPS and not anaphor and present)


def _topic_before(doc: _Doc, v: int, lo: int, in_sent: set[int]) -> int | None:
    """The actor that ``أما`` sets up as the topic of the ف-verb at ``v`` (``أما حماس، فأكدت``، ``أما كندا، فقد
    أعلنت حكومتها``), else ``None``."""
    c = v - 1 if doc.toks[v].text[:1] == "ف" else v - 2 if v - 1 > lo and doc.toks[v - 1].text == "فقد" else None
    if c is None or c <= lo or doc.toks[c].text not in ("،", ","):
        return None
    if v + 1 < len(doc.toks) and doc.toks[v + 1].word and doc.toks[v + 1].text.startswith("ال"):
        return None  # أما إيران، فيوضح الأكاديمي: the verb's own subject follows it
    ending = sorted(k for k in in_sent if doc.last_tok[k] == c - 1 and doc.first_tok[k] - 1 >= lo)
    if not ending or not doc.can_speak(ending[0]):
        return None
    j = doc.first_tok[ending[0]] - 1
    return ending[0] if doc.toks[j].word and _strip_conj(doc.toks[j].text) == "اما" else None


def _set_off_before(doc: _Doc, v: int, lo: int, by_tok: dict[int, list[int]]) -> list[int]:
    """A subject set off by a comma from a verb with no conjunction, its phrase opening the clause (or following a
    fronted phrase closed by its own comma): a named appositive between commas (``وزير الخارجية الأمريكي، ريكس
    تيلرسون، أكد``), or a subject closed by a comma before particles only (``وكانت جماعة أنصار الله، قد أعلنت``).
    Not before ``وأكدت`` or ``وقد أكدت``: that verb shares the clause's subject, and what ends before its comma is
    the clause's object (``انتقدت تركيا روسيا، وقالت``); not a name inside a fronted phrase (``وخلال لقائه وزير
    الخارجية الروسي، سيرغي لافروف، أكد``)."""
    c = v - 1
    while c > lo and doc.toks[c].word and doc.toks[c].text in _PARTICLES and doc.toks[c].text[:1] not in ("و", "ف"):
        c -= 1
    in_sent = {k for ks in by_tok.values() for k in ks}
    if (topic := _topic_before(doc, v, lo, in_sent)) is not None:
        return [topic]
    if doc.toks[c].text not in ("،", ",") or _conjoined(doc.toks[v].text) or c < lo + 1:
        return []
    if (members := _group_members(doc, lo, c, by_tok)) and doc.last_tok[members[-1]] == c - 1:
        return members  # فصائل عراقية، بينها كتائب حزب الله، أعلنت: the group that opens the clause
    ending = sorted(k for k in in_sent if doc.last_tok[k] == c - 1)
    if not ending or doc.adjunct(ending[0]) or not doc.can_speak(ending[0]):
        return []
    k = ending[0]
    apposed = doc.first_tok[k] > lo and doc.toks[doc.first_tok[k] - 1].text in ("،", ",")
    title = _spokesman_at(doc, k)
    spokesman = title is not None and title > lo and doc.toks[title - 1].text in ("،", ",")
    if not (v > c + 1 or apposed or spokesman):
        return []
    head = title - 1 if spokesman else doc.first_tok[k] - 1 if apposed else doc.first_tok[k]  # (the phrase before)
    start = next((j + 1 for j in range(head - 1, lo - 1, -1) if not doc.toks[j].word), lo)  # (وفي هذا السياق، …)
    if spokesman:  # صلاح البردويل، المتحدث باسم حماس، قال: a name the table lacks opens the clause
        return [k] if 0 < head - start <= 3 and _plain_words(doc, start, head) and not any(
            doc.in_mention(j) for j in range(start, head)) else []
    if any(t.word and not doc.in_mention(j) and _strip_conj(t.text) not in _CONNECTIVES | _PARTICLES
           for j, t in enumerate(doc.toks[start:head], start)):
        return []
    return _coordinated_before(doc, k, in_sent)


_ASIDES = {("من", "جهته"), ("من", "جهتها"), ("من", "جهتهم"), ("من", "جانبه"), ("من", "جانبها"), ("من", "جانبهم"),
           ("بدوره",), ("بدورها",), ("بدورهم",), ("هو", "الاخر"), ("هي", "الاخري"), ("كذلك",), ("ايضا",)}
"""Asides set off by commas between a subject and its verb (``الجبير، من جهته، شدد``)."""


def _aside_before(doc: _Doc, i: int, lo: int) -> int | None:
    """The token where an aside (:data:`_ASIDES`, or a relative clause: ``أما القاهرة، التي تقود الوساطة، فقد
    حذرت``) closed by the comma at ``i`` opens (its own comma), else ``None``."""
    if doc.toks[i].text not in ("،", ","):
        return None
    j = i - 1
    while j > lo and doc.toks[j].word:
        j -= 1
    if j > lo and j < i - 2 and doc.toks[j].text in ("،", ",") and doc.toks[j + 1].text in _RELATIVES - {"من", "ما"}:
        return j
    for aside in _ASIDES:
        j = i - len(aside) - 1
        if j >= lo and doc.toks[j].text in ("،", ",") and all(
                t.word and t.text == w for t, w in zip(doc.toks[j + 1:i], aside)):
            return j
    return None


def _coordinated_before(doc: _Doc, k: int, in_sent: set[int]) -> list[int]:
    """``روسيا وتركيا أكدتا``: the subject before the verb with the actors coordinated to it."""
    chain = [k]
    while (wa := _wa_tokens(doc, chain[0])) is not None:
        prev = [j for j in in_sent if doc.last_tok[j] == doc.first_tok[chain[0]] - 1 - wa]
        if not prev or doc.adjunct(prev[0]) or not doc.can_speak(prev[0]):
            break
        chain.insert(0, prev[0])
    return chain


def _source_at(doc: _Doc, i: int, hi: int, by_tok: dict[int, list[int]]) -> int | None:
    """The actor a source marker at token ``i`` names (بحسب X، نقلا عن X), or that ``نقل`` quotes (ونقلت وكالة تاس
    عن نائب وزير الخارجية الروسي …): the first one that can speak within a few words after it."""
    if _strip_conj(doc.toks[i].text) in _CAME and i + 2 < hi and doc.toks[i + 1].text == "في" and \
            doc.toks[i + 2].text in _STATEMENTS | _ADDRESSES:  # وجاء في بيان للخارجية الروسية أن
        return _source_after(doc, i + 2, hi, by_tok, MAX_BEFORE + 1)
    if _strip_conj(doc.toks[i].text) in _QUOTING:
        if i > 0 and _strip_conj(doc.toks[i - 1].text) in _PREPS:
            return None  # في نقل مقاتلي المعارضة والمنشقين عن الجيش: the noun, carrying
        j, words = i + 1, 0
        while j < hi and words < MAX_GAP:
            t = doc.toks[j]
            if t.text == "(":  # ونقلت وكالة الأنباء السورية (سانا) عن: the agency's short name in brackets
                close = next((c for c in range(j + 1, min(hi, j + 5)) if doc.toks[c].text == ")"), None)
                if close is not None:
                    j = close + 1
                    continue
            if (close := _short_quote_end(doc, j, hi)) is not None:
                j = close + 1  # ونقلت وكالة الإعلام الروسية "إنترفاكس" عن: or in quotation marks
                continue
            if _boundary(t) or is_reporting_verb(t.text):
                return None
            if t.text == "عن":
                return _source_after(doc, j + 1, hi, by_tok, MAX_GAP)
            words += t.word
            j += 1
        return None
    for j in _after_marker(doc, i, hi):
        k = _source_after(doc, j, hi, by_tok, 3)
        if k is not None:
            return k
    return None


def _after_marker(doc: _Doc, i: int, hi: int) -> Iterator[int]:
    """Where the source may begin after each "according to" marker (:data:`_SOURCE_MARKERS`) that starts at token
    ``i``: past the marker, and past ``ما`` and a verb of saying after it (``وفق ما أفادت به``، ``حسبما ذكرت``)."""
    for marker in _SOURCE_MARKERS:
        n = len(marker)
        if i + n > hi:
            continue
        words = [doc.toks[i + j].text for j in range(n)]
        if tuple(words) != marker and (_strip_conj(words[0]), *words[1:]) != marker:  # (وفقا، ووفقا: و is its own)
            continue
        j = i + n  # وفق ما أفادت به فصائل المعارضة، حسبما قال لي: the verb (and its به، لي) before the source
        if marker[-1] != "ما" and j + 1 < hi and doc.toks[j].text == "ما" and is_reporting_verb(doc.toks[j + 1].text):
            j += 1
        if (j > i + n or marker[-1] in ("ما", "حسبما")) and j < hi and is_reporting_verb(doc.toks[j].text):
            j += 1 + (j + 1 < hi and doc.toks[j + 1].text in ("به", "بها", "لي", "لنا"))
        yield j


def _with_coordinated(doc: _Doc, k: int, by_tok: dict[int, list[int]]) -> list[int]:
    """Mention ``k`` and the actors joined to it right after it: coordinated by و (``عن مسؤولين أمريكيين وأتراك``)
    or a person in apposition (``على لسان المتحدث باسم جماعة الحوثي محمد عبد السلام``)."""
    chain = [k]
    while True:
        after = doc.last_tok[chain[-1]] + 1
        nxt = [j for gap in (0, 1) for j in by_tok.get(after + gap, []) if _linked(doc, chain, j)]
        if not nxt:
            return chain
        chain.append(nxt[0])


def _source_after(doc: _Doc, j: int, hi: int, by_tok: dict[int, list[int]], words: int) -> int | None:
    """The first actor that can speak within ``words`` words from token ``j``, outside a prepositional phrase
    (``عن X`` and ``مسؤول في X`` name it), before what the source says (``عن مسؤول قوله إن روسيا``: not Russia)."""
    seen = 0
    medium = False  # a medium's name: its state or city holds no stance (وفقا لوكالة أنباء البحرين); its owner does
    while j < hi and seen < words:
        t = doc.toks[j]
        if _boundary(t) or _complementizer(t, conj=True):  # (فإن: what the source said begins)
            break
        if seen == 1 and t.word and _ends_source_noun(doc, j, by_tok):
            break  # وبحسب المرصد قصفت قوات النظام: the regime is what the source says, not the source
        if not t.word:
            j += 1
            continue
        medium = medium or (not seen and _medium(_strip_lam(t.text)))
        for k in by_tok.get(j, []):
            prev = doc.prev_word(k)
            if medium and doc.actor_type(k) in _MEDIUM_PLACES and not (
                    doc.toks[doc.first_tok[k]].text.startswith("ل") or prev in _OWNED):
                continue  # (موقع الأمم المتحدة، الموقع الرسمي لوزارة الداخلية البحرينية: its owner speaks)
            if doc.can_speak(k) and (prev not in _PREPS - {"عن"} or (
                    prev == "في" and doc.source_noun_before(doc.first_tok[k] - 1))) and not (
                    doc.is_person(k) and doc.possessed(k)):  # (عن مستشاري أوباما: his advisers speak)
                return k
        seen += 1
        j += 1
    return None


def _ends_source_noun(doc: _Doc, j: int, by_tok: dict[int, list[int]]) -> bool:
    """Whether the source's own words ended before token ``j``, the second after its marker: the first is a definite
    noun of no actor's name (المرصد، الوكالة) and ``j`` can neither qualify it (an adjective or a noun with ال), nor
    join it to its owner (ل، ب، a preposition), nor name an actor: a verb, most likely (وبحسب المرصد قصفت، لم تلتزم)."""
    first = doc.toks[j - 1]
    noun = _strip_lam(first.text)  # (ووفقا للمصادر)
    return (first.word and noun.startswith("ال") and noun not in _BEFORE_NAMES
            and not doc.in_mention(j - 1) and _ends_phrase(doc, j, by_tok))


def _ends_phrase(doc: _Doc, j: int, by_tok: dict[int, list[int]]) -> bool:
    """Token ``j`` can neither qualify the noun phrase before it (a word with ال), nor join it to an owner (ل، ب, a
    preposition), nor name an actor: a verb or a negation, most likely."""
    word = doc.toks[j].text
    return j not in by_tok and (word in _NEGATIONS or not word.startswith(("ال", "ل", "ب"))) and \
        word not in _PREPS and not doc.in_mention(j)


_UNNAMED_SOURCES = _SOURCE_NOUNS | {"ناشطين", "ناشطون", "سكان", "شهود"}
"""Indefinite nouns of a source the table cannot name (``مصادر محلية``، ``ناشطون``، ``شهود عيان``)."""


def _unnamed_source_end(doc: _Doc, j: int, hi: int, by_tok: dict[int, list[int]]) -> int | None:
    """The token after the phrase of a source of no actor's name that starts at token ``j``, right after its marker,
    where the next word ends it (:func:`_ends_source_noun`): a definite noun alone (``وبحسب المرصد قصفت``), or an
    indefinite source's noun (:data:`_UNNAMED_SOURCES`) with up to two adjectives (``حسبما أفادت مصادر محلية قصفت
    المدفعية التركية``: the artillery acts); else ``None``."""
    if j + 1 >= hi or not doc.toks[j].word or doc.in_mention(j):
        return None
    if doc.toks[j].text not in _UNNAMED_SOURCES:
        return j + 1 if _ends_source_noun(doc, j + 1, by_tok) else None
    end = j + 1
    while end < min(hi, j + 3) and _indefinite_adjective(doc, end):
        end += 1
    return end if end < hi and not _indefinite_adjective(doc, end) and _ends_phrase(doc, end, by_tok) else None


def _indefinite_adjective(doc: _Doc, j: int) -> bool:
    """Token ``j`` can be an indefinite adjective or nisba (``محلية``، ``عسكري``، ``أمريكيون``): no verb's form."""
    w = doc.toks[j].text
    return doc.toks[j].word and not doc.in_mention(j) and not w.startswith("ال") and w.endswith(
        ("ه", "ي", "ون", "ين"))


_BEFORE_NAMES = _RANKS | {w for w in _TITLE_HEADS if w.startswith("ال")} | {"الملك", "الامير", "السيد", "السيده",
                                                                           "الشيخه", "الوزيره", "الرئيسه"}
"""Titles and ranks, which a person's name follows, in words the table may not know (الفريق أول محمد حمدان دقلو،
الوزير سيرجيه لافروف): the source's phrase goes on past them."""


_OWNED = {"تابعه", "التابعه", "تابع", "التابع"}
"""Words before the owner of a medium (``قناة تابعة لحزب الله``)."""
_MEDIUM_PLACES = PLACE_TYPES | {"state", "media"}
"""Types of the actors a medium's name holds that are not the medium's voice (``وكالة أنباء البحرين``، ``صحيفة
الرياض``، ``وكالة سبوتنيك الروسية``), unless named as its owner (``الموقع الرسمي للرئاسة الروسية``)."""


def _strip_lam(word: str) -> str:
    """``word`` without a leading preposition ل (``لوكالة`` → ``وكالة``, ``للوكالة`` → ``الوكالة``)."""
    return "ال" + word[2:] if word.startswith("لل") else word.removeprefix("ل")


def _clause_start(doc: _Doc, lo: int, hi: int, by_tok: dict[int, list[int]]) -> int:
    """The first token of the sentence's first clause from ``lo``: past a dateline, its colon and a fixed fronted
    phrase (``دمشق-سانا: تلقى``)."""
    i = _past_fronting(doc, _dateline_end(doc, lo, hi, by_tok), hi)
    return i + (i + 1 < hi and doc.toks[i].text == ":" and i > lo)


def _agents(doc: _Doc, lo: int, hi: int, by_tok: dict[int, list[int]], undergoes: bool = False) -> list[int]:
    """The actor that opens the sentence's first clause or follows its first word (the verb), or a person named after
    a title that follows it (``استقبل وزير الخارجية والمغتربين الدكتور فيصل المقداد``), with the actors coordinated to
    it by و (وقعت روسيا وتركيا وإيران); none where the verb is one of undergoing (:data:`_UNDERGOING`) or its actor
    a passive's subject (:func:`_passive_subject`), unless ``undergoes``: the subject that a verb after the clause
    shares (``وتعرضت تركيا لهجوم، وقالت``)."""
    pos = 0
    negated = False  # a negation before the verb (ولم تخضع إيران للعقوبات: it resists)
    out: list[int] = []
    verb = -1  # the first word's token
    said = False  # a reporting verb passed
    units = False  # the actor comes after وحدات من
    opening = -1  # the clause's first word, past connectives (كما دعا)
    i = _clause_start(doc, lo, hi, by_tok)
    if signers := _signed_for(doc, i, hi, by_tok):
        return signers  # ووقع عن الجانب الروسي وزير الدفاع سيرغي شويغو
    while i < hi:
        t = doc.toks[i]
        if not t.word:
            if out and i == doc.last_tok[out[-1]] + 1 and doc.actor_type(out[-1]) == "international_org" and (
                    members := _apposed_list(doc, i, hi, by_tok)) and not doc.mentions[members[0]].prefix:
                return out + members  # وقعت الدول الضامنة لمسار أستانا، روسيا وتركيا وإيران، على: its members too
                # (a group's; not زار لافروف، الرياض وأبوظبي، or a list going on: والولايات المتحدة، ومصر، والأردن)
            if t.text in ("،", ",") and not out and _list_marker(doc, i + 1, hi, True) is not None:
                break  # وحذرت دول من الميليشيات، ومنها حزب الله: a list of what comes before, no clause of its own
            if t.text in ("،", ",", ":", "؛", ";") and not out and pos <= 3:
                pos = 0  # a fronted adverbial (في المقابل، من جهته، في غضون ذلك،): the clause starts after it
            elif _boundary(t):
                break
            i += 1
            continue
        if said and _complementizer(t):
            break  # (قالت مصادر محلية في الفاشر، الأحد، إن قوات الدعم السريع: what the verb reports; not يذكر أن)
        if verb >= 0 and i == verb + 1 and not out and not doc.in_mention(i) and (
                end := _past_honorific(doc, i, hi)) > i:
            i = end  # (وبحث جلالة الملك عبدالله الثاني، بعث صاحب السمو الملكي الأمير: as a connective)
            continue
        if _strip_conj(t.text) in _CONNECTIVES | _NEGATIONS and not doc.in_mention(i):
            negated = negated or _strip_conj(t.text) in _NEGATIONS
            i += 1
            continue
        if verb < 0 and not undergoes and not doc.in_mention(i) and (w := _strip_conj(t.text)) in (
                _UNDERGOING | _UNDERGONE) and not (
                w in _SUFFERING and (negated or _goes_on(doc, w, i + 1, hi, by_tok))):
            return []  # وتعرضت موسكو لهجوم، فيما تتعرض إيران لضغوط، وتأثرت الكويت بانخفاض: what happens to it, no act
            # of its; not ولم تخضع إيران للعقوبات (it resists), وخضعت تركيا للضغوط، فأفرجت (the next verb's subject)
        if not out and t.text in _ON_BEHALF and i + 1 < hi and doc.toks[i + 1].text == "عن":
            i += 2  # ووقع ممثلون عن الجيش السوداني: the army signs through them
            continue
        if not out and not doc.in_mention(i) and (end := _delegation_end(doc, i, hi)) > i and end in by_tok:
            i = end  # علق وفد المعارضة مشاركته، وشنت طائرات التحالف غارات، انسحب عدد من أعضاء وفد المعارضة
            units = doc.toks[end - 1].text == "من"  # (أحكمت وحدات من الجيش: no prepositional phrase)
            continue
        titled = pos > 1 and verb >= 0 and i - verb <= MAX_TITLE and doc.word_before(i) not in ("بن", "بنت") and (
            _title_words(doc, _past_honorific(doc, verb + 1, hi), i) or all(
            doc.toks[j].text in _RANKS for j in range(verb + 1, i)))  # (يحارب المشير حفتر: a rank, then the name)
        if pos and verb >= 0 and _plural(_strip_conj(doc.toks[verb].text)):
            return out  # (وحذروا السلطات المصرية: the object)
        if not out and i in by_tok and (pos == 0 or pos == 1 and not _is_prep(_strip_conj(doc.toks[verb].text))) \
                and (members := _group_members(doc, i, hi, by_tok)) != []:
            return members or []  # وشنت فصائل المعارضة، ومنها جيش الإسلام، هجوما: the group the table names and its own
        for k in by_tok.get(i, []):
            if not out and (pos <= 1 or titled and doc.is_person(k) and doc.mentions[k].kind != "title"
                            and not doc.after_own_title(k)) and (units or not doc.adjunct(k)) and doc.can_speak(k) and (
                    doc.is_person(k) and not doc.possessed(k) or not doc.is_person(k) and not doc.after_definite(k)):
                if not undergoes and verb >= 0 and _passive_subject(doc, verb, k, hi, by_tok):
                    return []  # وقتل قاسم سليماني في غارة، وأعفي عادل الجبير من منصبه: he undergoes it
                if opening >= 0 and _visited(doc, opening, k) and (guests := _subject_after_object(doc, k, hi,
                                                                                               by_tok)) is not None:
                    return guests  # وزار بغداد، الأحد، وفد روسي: the place it visits, then who visits
                if opening >= 0 and _opening_verb(doc, opening) and _object_by_gender(doc, opening, k):
                    return []  # وهاجم، في البيان ذاته، الولايات المتحدة: the object of one named before
                out.append(k)
            elif out and _linked(doc, out, k) and (_wa_tokens(doc, k) is not None
                                                  or doc.mentions[k].actor == doc.mentions[out[-1]].actor
                                                  or _counterpart(doc, doc.last_tok[out[-1]] + 1, doc.first_tok[k])):
                out.append(k)  # (وبحث الرئيسان الروسي فلاديمير بوتين والتركي: the name, then the next one)
        if out and i > doc.last_tok[out[-1]] and not (
                (_wa_word(t.text) or t.text == "ودول") and i == doc.last_tok[out[-1]] + 1):
            break  # (not before وروسيا، ومقاتلات التحالف، ودول مجلس التعاون: :func:`_wa_tokens`)
        if not doc.in_mention(i):
            pos += 1
            verb = i if pos == 1 else verb
            opening = i if opening < 0 else opening
            said = said or _reports(doc, i)
            if pos == 1 and not out and _passive(doc.text[t.start:t.end]):
                return []  # وطُرد تنظيم الدولة من الرقة: a passive, vowelled so, has no agent
            if not out and (pos == 1 or pos == 2 and not _is_prep(_strip_conj(doc.toks[verb].text))) and (
                    members := _group_members(doc, i, hi, by_tok)) != []:
                return members or []  # فصائل مدعومة من إيران من بينها حزب الله لعبت، ولعبت فصائل …: the group acts;
                # none where the list names whom the verb acts on (والتقى شخصيات معارضة، ومنهم رياض حجاب)
        if pos > 3 and not (verb >= 0 and i + 1 - verb <= MAX_TITLE and _title_words(
                doc, _past_honorific(doc, verb + 1, hi), i + 1)):
            break
        i += 1
    return out + _body_states_listed(doc, out, hi, by_tok) if out else out


_GROUPS = {p + w for p in ("", "ال") for w in (
    "فصائل", "جماعات", "مجموعات", "ميليشيات", "مليشيات", "دول", "بلدان", "حركات", "منظمات", "احزاب", "قوي", "اطراف",
    "تنظيمات", "جهات", "حكومات", "عواصم")}
"""Plural nouns of a group whose members a list may name (``فصائل``، ``دول``، ``الأحزاب``)."""


_PARTITIVES = {"معظم", "بعض", "غالبيه", "اغلبيه", "اغلب", "عشرات"}
"""Words of a part of a group, before its noun (``معظم دول الجوار``، ``بعض فصائل المعارضة``، ``عشرات الدول``): its list
names members too, after a feminine verb (``ورحبت معظم دول الجوار، ومنها تركيا``) or none; after a masculine one the
group may be the object (``ودعا معظم الدول، ومنها تركيا``: he called on them), unless it is of people (``وقال بعض
القادة``: :func:`_people_object` decides). Not ``كل``، ``جميع``، ``كافة``: whom an appeal addresses (``ودعت جميع
الأطراف، ومنها روسيا``)."""

_QUANTIFIERS = _PARTITIVES | {"كل", "جميع", "كافه", "عده"}
"""Words of how much of a group, before its noun (``معظم دول``، ``جميع دول``، ``عدة دول``)."""

_NUMBERS = {"ثلاث", "اربع", "خمس", "ست", "سبع", "ثماني", "تسع", "عشر"}
"""The numbers three to ten before a plural noun, feminine (``سبع دول``); their masculine forms end in ة
(``ثلاثة وزراء``). Their noun is their genitive, like ``عدة``'s (``سبع دول، بينها قطر``)."""


def _number(word: str) -> bool:
    """Whether ``word`` (its conjunction stripped) counts a plural noun after it, as ``عدة`` does: a number word from
    three to ten (:data:`_NUMBERS`) or digits (``7 دول``)."""
    return word.isdigit() or word in _NUMBERS or word.endswith("ه") and word[:-1] in _NUMBERS


_COUNTED_SINGULARS = {"دوله": "دول", "منظمه": "منظمات", "حكومه": "حكومات", "عاصمه": "عواصم", "جماعه": "جماعات",
                      "مجموعه": "مجموعات", "حركه": "حركات", "فصيلا": "فصائل", "حزبا": "احزاب", "تنظيما": "تنظيمات"}
"""A group's noun in the singular after a number of eleven and more in digits (``12 دولة``، ``15 فصيلا``; normalised),
and its plural (:data:`_GROUPS`)."""


_PEOPLE = {"شخصيات", "قيادات", "قاده", "زعماء", "نواب", "وزراء", "رؤساء", "نشطاء", "اعضاء", "مسؤولون", "سياسيون",
           "معارضون", "ناشطون", "دبلوماسيون", "برلمانيون", "مشرعون", "قياديون"}
"""Indefinite plural nouns of people whose list after ``ومنهم``، ``من بينهم``، ``بينهم`` names members (``وانتقدت
شخصيات معارضة، ومنهم رياض حجاب``): persons only. Sound plurals only in the nominative (``مسؤولين``: the object),
except after a quantifier, whose genitive they are and may be definite (``بعض المسؤولين``، ``عدد من القادة``)."""

_CALLING = {"دعا", "دعت", "يدعو", "تدعو", "ابلغ", "ابلغت", "يبلغ", "تبلغ"} | {
    p + v for p in ("", "ي", "ت") for v in ("حث", "ناشد", "طالب")} | {"حثت", "ناشدت", "طالبت"}
"""Verbs of appeal, whose object may be people (``ودعا قادة، ومنهم``: he called on them): a list of people after
them names who acts only where a word of the group shows the nominative (``ودعا مسؤولون أمريكيون``، ``وطالب قادة
عرب``; accusative ``قادة عربا``) or the verb agrees with a feminine plural (``ودعت شخصيات فلسطينية``)."""

_MEETING = {"التقي", "التقت", "يلتقي", "تلتقي", "استقبل", "استقبلت", "يستقبل", "تستقبل"}
"""Verbs of meeting, whose object is far more often people than their subject (``واستقبل قادة عرب، ومنهم``): a list
of people after them names who acts only after a sound plural in ``ون`` (``والتقى مسؤولون أتراك، بينهم``)."""

_VIOLENCE = ("قتل", "اعتقل", "طرد", "اجبر", "استهدف", "اغتال", "اختطف", "خطف", "احتجز", "اعدم", "حاصر")
"""Verbs of violence against people or groups, whose past reads unvowelled as a passive too (``وقتل قادة عسكريون
إيرانيون``: were killed; ``واستهدفت معظم الفصائل``: were targeted)."""

_GOVERNED = {**{form: prep for prep, past, present in (
    ("ب", "اتهم", "تهم"), ("علي", "شكر", "شكر"), ("من", "اقال", "قيل"), ("في", "عين", "عين"), ("في", "كرم", "كرم"),
    ("", "اسر", "اسر")) for form in (past, past + "ت", "ي" + present, "ت" + present)},
    **dict.fromkeys(("اعفي", "اعفت", "يعفي", "تعفي"), "من")}
"""Verbs whose object is people or states, with the preposition they govern after it (``اتهم … بـ``، ``شكر …
على``، ``أعفى … من``، ``عيّن … في``; ``""``: none): a group right after them whose list that preposition or the
clause's end follows is their object (``وتتهم دول حلف الناتو، ومنها تركيا، بدعم الإرهاب``، ``وأعفى وزراء، بينهم عادل
الجبير، من مناصبهم``: the subject is unsaid); a subject's list has the object next, or another phrase first
(``وتتهم بعض فصائل المعارضة، ومنها فيلق الرحمن، هيئة تحرير الشام بخرق``، ``واتهمت دول عربية، بينها السعودية، في بيان
مشترك، قطر``)."""

_VIOLENT = {form for v in _VIOLENCE for form in (v, v + "ت", "ي" + v.removeprefix("ا"), "ت" + v.removeprefix("ا"))}
"""The forms of :data:`_VIOLENCE`: a group of people right after them whose list a preposition or the clause's end
follows is, unvowelled, a passive's subject (``واعتقل معارضون، بينهم صالح مسلم، في براغ``: were arrested), and so is
a part of a group (``واستهدفت معظم الفصائل، ومنها جيش الإسلام، بغارات``); a whole group of states or factions acts
(``واستهدفت فصائل المعارضة، ومنها جيش الإسلام، مواقع``)."""

_SUFFERING = {p + s for p in ("", "ت", "ي") for s in ("تاثر", "تضرر", "خضع")} | {
    "تاثرت", "تضررت", "خضعت", "استثنيت", "دعيت"}
"""Verbs of what a group undergoes (``وتضررت معظم دول الجوار، ومنها الأردن``، ``وتأثرت دول مجلس التعاون الخليجي``،
``ويخضع مسؤولون سوريون، بينهم علي مملوك، لعقوبات``) and the passives that read as such unvowelled (``استثنيت``،
``دعيت``): no one a list after them names acts."""

_SUFFERING_MASCULINE_PASTS = {"تاثر", "تضرر", "خضع"}
"""The masculine pasts of :data:`_SUFFERING`, which a ت may open as it opens a feminine present (``وتأثر الأردن``)."""
_SHARING = {"بل", "ثم"}
"""Words after a comma before a verb that shares the clause's subject (``ولم تخضع إيران للعقوبات، بل ضاعفت``)."""


def _goes_on(doc: _Doc, verb: str, j: int, hi: int, by_tok: dict[int, list[int]]) -> bool:
    """A verb of :data:`_SUFFERING` (``verb``, normalised, without و) goes on from token ``j`` to a coordinated verb
    after a comma that has no subject of its own, so shares its subject (``وخضعت تركيا للضغوط، فأفرجت عن القس``،
    ``وتضررت تركيا من العقوبات، وقالت``، ``بل ضاعفت``), or to a participle of what the subject says (``، مؤكدة``): a
    word with و/ف (or after ``بل``، ``ثم``) that agrees with the verb in gender, of either tense: after a masculine
    verb (:data:`_SUFFERING_MASCULINE_PASTS`, a present in ي) a present in ي or a short past not in ت; after a feminine
    one a past in ت (not a plural in ات) or a present in ت (``وتأثرت مصر …، وتسعى``)."""
    for n in range(j, hi - 1):
        if doc.toks[n].text not in ("،", ","):
            continue
        m = n + 1 + (doc.toks[n + 1].text in _SHARING)
        if m >= hi or not doc.toks[m].word or doc.in_mention(m) or m + 1 < hi and m + 1 in by_tok:
            continue
        text = doc.toks[m].text
        if text in PARTICIPLES:
            return True
        if not (_conjoined(text) or m > n + 1):
            continue
        w = _strip_conj(text) if m == n + 1 else text
        if w.startswith("ال") or _is_prep(w) or w in _CONNECTIVES | _DEMONSTRATIVES | _NEGATIONS or w.endswith("ات"):
            continue
        if verb in _SUFFERING_MASCULINE_PASTS or verb[:1] == "ي":  # تأثر، يخضع: a masculine subject
            agrees = w[:1] == "ي" and len(w) >= 4 or 3 <= len(w) <= 6 and not w.endswith(("ت", "ه", "ا", "ي")) and \
                not (w[:1] == "ت" and len(w) == 4)  # (ويستضيف، واستقبل، وطالب; not وتشمل)
        else:
            agrees = w.endswith("ت") and len(w) >= 3 or w[:1] == "ت" and len(w) >= 4  # تأثرت، تتأثر: وسعت، وتسعى
        if agrees and not _own_subject(doc, w, m + 1, hi):
            return True
    return False


_CHANGING = {p + v + e for v in ("رتفع", "نخفض") for p in ("ا", "ي", "ت") for e in ("", "ت")} | {
    p + v + e for v in ("تراجع", "تزايد", "تفاقم", "تضاعف") for p in ("", "ي", "ت") for e in ("", "ت")}
"""Verbs of a rise or fall, whose noun after them is their subject (``وارتفعت أسعار``، ``وتراجعت إيراداتها``)."""
_TOLD = {stem + end for stem in ("قال", "اشار", "اوضح", "ذكر", "افاد", "صرح", "اضاف") for end in ("", "ت")}
"""Verbs of saying that take no object: a word after them that opens no clause is their subject (``وقالت وكالة``)."""


def _own_subject(doc: _Doc, w: str, n: int, hi: int) -> bool:
    """The verb ``w`` (normalised, without و) after a verb of :data:`_SUFFERING` has a subject of its own from token
    ``n``, or undergoes too, so the actor does not act in its clause: itself a verb of undergoing (``وتواجه أزمة``), a
    demonstrative next (``وتشمل هذه العقوبات``), a noun after a verb of rise or fall (:data:`_CHANGING`: ``وتراجعت
    إيراداتها``) or after one of saying that takes no object (:data:`_TOLD`: ``وقالت وكالة بلومبرغ``، ``وأشارت
    تقارير``), where a preposition, a clause or a colon would follow."""
    if w in _UNDERGOING:
        return True
    if n >= hi or not doc.toks[n].word:
        return False
    nxt = _strip_conj(doc.toks[n].text)
    if nxt in _DEMONSTRATIVES:
        return True
    return (w in _CHANGING or w in _TOLD) and not (
        _is_prep(nxt) or nxt in _COMPLEMENTIZERS | _PARTICLES | _NO_SUBJECTS)


_STATE_GROUPS = {"دول", "بلدان", "حكومات", "عواصم"}
"""Indefinite nouns of a group of states: after their definite genitive (``دول الجوار``، ``حكومات المنطقة``), which
may be the verb's object instead (``ودعت دول المعارضة``: states called on the opposition), the list credits its
members only when all are states or their capitals (:func:`_group_members`)."""


def _past_set_off_time(doc: _Doc, j: int, hi: int) -> int:
    """The token after words of time between commas from the comma at token ``j`` (``وأكدت، الاثنين، دول``، ``، مساء
    أمس،``; :func:`_past_times`), or ``j``."""
    if j >= hi or doc.toks[j].text not in ("،", ","):
        return j
    end = _past_times(doc, j + 1, hi)
    return end if end > j + 1 and doc.toks[end - 1].text in ("،", ",") else j


_NO_OBJECT = {stem + end for stem in ("قال", "اضاف", "اوضح", "صرح", "شدد", "رحب", "اعرب", "ندد", "اشار", "اشاد",
                                      "نوه")
              for end in ("", "ت")}
"""Verbs of saying that take no object (normalised, without و): a noun after them is their subject."""

_DECLARING = {stem + end for stem in ("اكد", "اعلن", "نفي") for end in ("", "ت")} | {"نفت"}
"""Verbs of saying whose object, where they have one, is what they affirm, announce or deny, or whom they declare
something (:func:`_declared`; normalised, without و): a noun after them is otherwise their subject."""

_SAYING_PAST_COMMAS = _NO_OBJECT | _DECLARING
"""Verbs of saying whose noun after words of time or a phrase set off by commas is their subject
(:func:`_subject_after`, :func:`_past_set_off_phrase`), unless whom they declare something
(:func:`_declared_after_commas`)."""


_MAX_PHRASE = 12
"""The most words of a phrase set off by commas after a verb of saying (:func:`_past_set_off_phrase`: ``في مؤتمر صحفي
بمقر حلف شمال الأطلسي في بروكسل``)."""


def _opens_unjoined(doc: _Doc, v: int) -> bool:
    """The verb at token ``v`` opens its sentence, a line or a dateline's copy without و/ف: it shares no subject named
    before (``أدانت، الخميس، الرئاسة الفلسطينية المجزرة``; not ``وانتقدت، الخميس، روسيا``: the clause's subject goes
    on)."""
    return doc.toks[v].text == _strip_conj(doc.toks[v].text) and (
        v == 0 or doc.toks[v - 1].text in _SENTENCE_ENDS | {"-", "–", "—"}
        or "\n" in doc.text[doc.toks[v - 1].end:doc.toks[v].start])  # (not after a comma: رحبت روسيا بالاتفاق، دعت)


def _agrees_after(doc: _Doc, v: int, j: int, by_tok: dict[int, list[int]]) -> bool:
    """The actor named at token ``j`` agrees with the verb at ``v`` as its subject: a feminine name
    (:func:`_feminine_name`) after a feminine verb, a person after a masculine one (``أدانت، الخميس، الرئاسة
    الفلسطينية``، ``انتقد، الخميس، وزير الخارجية الروسي``)."""
    if j not in by_tok:
        return False
    k, verb = by_tok[j][0], _strip_conj(doc.toks[v].text)
    return _feminine_name(doc, k) if _feminine(verb) else _masculine(verb) and doc.is_person(k)


def _past_set_off_phrase(doc: _Doc, v: int, hi: int, by_tok: dict[int, list[int]], comma: int,
                         any_verb: bool = False) -> int:
    """The token after a prepositional phrase set off by commas from token ``comma``: right after a verb of saying at
    token ``v`` (:data:`_SAYING_PAST_COMMAS`: ``وقال، في مؤتمر صحفي، وزير الخارجية الروسي سيرغي لافروف إن``; with
    ``any_verb``, any verb: one that opens its sentence, :func:`_opens_unjoined`), or the comma that closes words of
    time after it (``وأعلن، مساء الأحد، في كلمة متلفزة، الرئيس اللبناني``), of up to
    :data:`_MAX_PHRASE` words and no complementizer, whatever actors it names (``في إحاطة أمام مجلس الأمن``، ``في رسالة
    إلى الأمين العام للأمم المتحدة أنطونيو غوتيريش``), where an actor comes next, the verb's subject unless it is whom
    the verb declares something (:func:`_declared_after_commas`); or the comma it starts from. Not where the actor is
    set off by a comma of its own, in apposition to the phrase's last noun (``في رسالة وجهها إلى نظيره الروسي، سيرغي
    لافروف، أن``; not before a relative clause: ``سيرغي لافروف، الذي يزور مصر، إن``, nor where the commas set off the
    name of the title before it: ``الأمين العام للأمم المتحدة، أنطونيو غوتيريش، إن``)."""
    j = comma
    if not any_verb and _strip_conj(doc.toks[v].text) not in _SAYING_PAST_COMMAS or j + 1 >= hi or \
            doc.toks[j].text not in ("،", ",") \
            or not doc.toks[j + 1].word or not _is_prep(_strip_conj(doc.toks[j + 1].text)):
        return j
    end = next((n for n in range(j + 2, min(hi, j + 2 + _MAX_PHRASE)) if not doc.toks[n].word), hi)
    if end + 1 >= hi or doc.toks[end].text not in ("،", ",") or any(
            _complementizer(doc.toks[n]) for n in range(j + 1, end)):
        return j
    subject = [k for k in by_tok.get(_past_title(doc, end + 1, hi, by_tok), [])
               if doc.can_speak(k) and not doc.mentions[k].prefix]
    if not subject:
        return j
    chain = _with_coordinated(doc, subject[0], by_tok)
    after = doc.last_tok[chain[-1]] + 1
    named = len(chain) > 1 and doc.mentions[chain[1]].actor == doc.mentions[chain[0]].actor and \
        doc.toks[doc.first_tok[chain[1]] - 1].text in ("،", ",")  # (الأمين العام للأمم المتحدة، أنطونيو غوتيريش،)
    apposed = after + 1 < hi and doc.toks[after].text in ("،", ",") and doc.toks[after + 1].text not in _RELATIVES
    return j if apposed and not named else end + 1


def _declared_after_commas(doc: _Doc, k: int, v: int, hi: int, by_tok: dict[int, list[int]]) -> bool:
    """Mention ``k``, right after words of time or a phrase set off by commas after the verb of saying at token ``v``
    (:func:`_past_set_off_time`, :func:`_past_set_off_phrase`; past the commas only a verb of saying that takes no
    object, :data:`_NO_OBJECT`, or one whose object is what it affirms, announces or denies, :data:`_DECLARING`, has
    its subject: ``وقال، الخميس، العراق إنه``، ``وأعلن، الأحد، الجيش اللبناني مقتل جنديين``), is the verb's object:
    whom أكد, أعلن or نفى declare something (:func:`_declared`: ``وأعلن، الاثنين، الحرس الثوري منظمة إرهابية``)."""
    return _strip_conj(doc.toks[v].text) in _DECLARING and _declared(
        doc, doc.last_tok[_with_coordinated(doc, k, by_tok)[-1]] + 1, hi)


_DESIGNATIONS = {"منظمه", "منظمات", "جماعه", "جماعات", "حركه", "كيان", "كيانا", "دوله", "جهه", "ميليشيا"}
"""Nouns of what a state declares a body to be (``منظمة إرهابية``، ``جماعة محظورة``، ``دولة راعية للإرهاب``;
normalised). ``تنظيم``/``تنظيما`` only before an adjective in ـي (``تنظيما إرهابيا``), being as often the verbal noun of
``تنظيم مؤتمر``، ``تنظيما جديدا``."""

_PREDICATES = {"خاليا", "خاليه", "محررا", "محرره", "امنا", "امنه", "منكوبا", "منكوبه", "ارهابيا", "ارهابيين"}
"""Adjectives a place or a person is declared (``وأعلن العراق خاليا من تنظيم داعش``، ``إرهابيا عالميا``; normalised);
not an accusative noun that is the verb's object (``حدادا وطنيا``، ``انتصارا نهائيا``)."""

_ADVERBS_OF_ANNOUNCING = {"رسميا", "ايضا", "مجددا", "كذلك", "حاليا", "مبدئيا", "فعليا"}
"""Adverbs after the subject of أعلن, before what it announces or declares (``رسميا منظمة إرهابية``; normalised)."""


def _declared(doc: _Doc, j: int, hi: int) -> bool:
    """Token ``j``, or the one after an adverb of :data:`_ADVERBS_OF_ANNOUNCING` or a phrase in بـ with a pronoun's
    ending there, opens what a body is declared to be: an indefinite noun of :data:`_DESIGNATIONS` that no definite
    word follows (``منظمة إرهابية``، ``جماعة محظورة``، ``بجناحيها منظمة إرهابية``، ``رسميا منظمة إرهابية``; not
    ``بدء الهدنة``، ``بدء حركة``، ``مقتل جنديين``، ``منظمة التحرير``، ``تنظيم مؤتمر``) or an adjective of
    :data:`_PREDICATES` (``العراق خاليا من تنظيم داعش``، ``إرهابيين عالميين``), also past a second object coordinated
    by و with its partitive (``عبد الملك الحوثي واثنين من قادتها إرهابيين``) or the name's definite adjectives
    (``جماعة أنصار الله الحوثية منظمة إرهابية``)."""
    if j + 3 < hi and doc.toks[j].word and doc.toks[j].text[:1] == "و" and doc.toks[j + 1].text == "من" \
            and not doc.in_mention(j):
        j += 3  # (واثنين من قادتها: the next)
    while j + 1 < hi and doc.toks[j].word and not doc.in_mention(j) and doc.toks[j].text.startswith("ال") \
            and doc.toks[j].text.endswith(("يه", "ي")) and len(doc.toks[j].text) >= 6:
        j += 1  # (جماعة أنصار الله الحوثية منظمة إرهابية: the name's adjective)
    skip = doc.toks[j].word and not doc.in_mention(j) and (doc.toks[j].text in _ADVERBS_OF_ANNOUNCING or (
        doc.toks[j].text[:1] == "ب" and doc.toks[j].text.endswith(("ها", "هما", "هم")))) if j < hi else False
    at = j + 1 if skip else j  # (رسميا، بجناحيها: the next)
    if at >= hi or not doc.toks[at].word or doc.in_mention(at):
        return False
    w, after = doc.toks[at].text, doc.toks[at + 1].text if at + 1 < hi else ""
    if w in _DESIGNATIONS:
        return not after.startswith("ال")
    if w in ("تنظيم", "تنظيما"):
        return after.endswith(("يا", "يه")) and not after.startswith("ال")
    return at == j and w in _PREDICATES


def _before_set_off_time(doc: _Doc, head: int) -> int:
    """The token before words of time between commas that end right before token ``head`` (the verb of ``وشكرت،
    الاثنين، دول الخليج``; :func:`_past_set_off_time`), or ``head - 1``."""
    c = head - 1
    if c < 1 or doc.toks[c].text not in ("،", ","):
        return c
    n = c - 1
    while n > 0 and _time_word(doc, n):
        n -= 1
    return n - 1 if n < c - 1 and doc.toks[n].text in ("،", ",") else c


def _group_members(doc: _Doc, head: int, hi: int, by_tok: dict[int, list[int]]) -> list[int] | None:
    """The actors a list names after ``بينها`` or ``من بينها``, or ``منها`` with و or a comma before it, right after
    the group's noun phrase at token ``head`` (:data:`_GROUPS`, then up to six words of its adjectives and of the
    phrase naming its patron after one (:data:`_PATRONS_BY`): ``فصائل مدعومة من إيران من بينها حزب الله``، ``عدة دول،
    بينها مصر``), past an adverb that singles them out (:func:`_past_specifying`: ``ومنها خصوصا الأردن``), with those
    coordinated to the first; the caller reads the group as the clause's subject, so its
    named members act or speak. The group's noun may own a definite genitive, with that noun's adjectives (``دول
    الجوار، ومنها تركيا``، ``دول الخليج العربي``، ``منظمات حقوق الإنسان``; :func:`_group_genitive`; a state group's
    may be a region of a continent, :func:`_region_end`: ``دول أوروبا الشرقية``; after a state group's, only a list
    of states: :data:`_STATE_GROUPS`), and a group the
    table names (``فصائل المعارضة السورية، ومنها جيش الإسلام``، ``فصائل معارضة، منها``) comes first, acting or
    speaking with its members; a partitive may come before the group (:data:`_PARTITIVES`: ``معظم دول الجوار``), or a
    number count it, before its noun or, definite, after it (:func:`_number`: ``سبع دول``، ``12 دولة``، ``الدول
    الثلاث، وهي``), and a state group may be one in a body or a region (``دول أعضاء في حلف الناتو، منها``).
    A state group's genitive may be an international body the table names (:func:`_states_body`), which speaks with
    the states listed (``دول الاتحاد الأوروبي، ومنها فرنسا``), unless a partitive says only some of its states do
    (``معظم دول الاتحاد الأوروبي، ومنها إسبانيا``: the states listed alone).
    A noun of people (:data:`_PEOPLE`) lists persons after ``ومنهم``، ``من بينهم`` or ``بينهم``, a title they hold
    before their names or not (``بينهم السفيرة الأمريكية نيكي هيلي``). ``None`` where the list names whom the verb
    acts on, so that no one listed acts: a group of people the verb has as its object (:func:`_people_object`; not
    where its case shows none and an object follows the list, :func:`_definite_next`: ``ومنهم نبيه بري، الحكومة``) or
    that lists no person, a group a verb acts on (:func:`_acted_on`) and a group after a verb of :data:`_SUFFERING`
    (the verb: the word before the group, or before words of time between commas, :func:`_before_set_off_time`).
    [] otherwise: a bare ``منها`` may say "from it" (``وطردت فصائل مدعومة من تركيا منها
    تنظيم الدولة``), and a noun between, the verb's object or a preposition's, may own the list (``وأرسلت دول غربية
    أسلحة إلى فصائل معارضة، منها جيش الإسلام``، ``وتحدثت دول غربية إلى المعارضة السورية، ومنها الائتلاف``)."""
    verb = _before_set_off_time(doc, head)
    before = _strip_conj(doc.toks[verb].text) if verb >= 0 and doc.toks[verb].word else ""  # (the verb)
    quantifier = _strip_conj(doc.toks[head].text) if head < hi else ""
    some = quantifier == "عدد" and head + 2 < hi and doc.toks[head + 1].text == "من"  # (عدد من القادة)
    counted = quantifier == "عده" or _number(quantifier)  # (عدة دول، سبع دول، 7 دول: its indefinite genitive)
    quantified = some or counted or quantifier in _PARTITIVES
    head += quantified + some  # (عدة دول، معظم دول الجوار، عدد من القادة)
    word = doc.toks[head].text if head < hi else ""
    singular = quantifier.isdigit() and int(quantifier) > 10 and word in _COUNTED_SINGULARS
    word = _COUNTED_SINGULARS[word] if singular else word  # (12 دولة، 15 فصيلا، بينها: states, factions)
    word = word if word in _GROUPS | _PEOPLE else _strip_conj(word)  # (فصائل، وفصائل)
    number = doc.toks[head + 1].text if head + 1 < hi else ""
    counted_after = word.startswith("ال") and number.startswith("ال") and _number(number[2:])  # (الرؤساء الثلاثة)
    noun = word.removeprefix("ال") if quantified and not counted or counted_after else word  # (بعض القادة)
    people = noun in _PEOPLE or noun.endswith("ين") and noun[:-2] + "ون" in _PEOPLE
    if quantifier in _PARTITIVES and before and not _feminine(before) and not people:
        return []  # (ودعا معظم الدول، ومنها تركيا: he called on them; وقال بعض القادة، ومنهم: the people speak)
    if word not in _GROUPS and not people:
        return []
    case = "" if quantified else "accusative" if word.endswith("ين") else "nominative" if word.endswith(
        "ون") else ""  # what it shows (a quantifier's noun is its genitive: بعض المسؤولين)
    named = [k for k in by_tok.get(head, []) if doc.can_speak(k)] if doc.toks[head].name else []
    if doc.in_mention(head) and not named:
        return []
    start = doc.last_tok[named[0]] + 1 if named else head + 1 + counted_after  # (فصائل المعارضة السورية: its name)
    definite = doc.toks[start - 1].text.startswith("ال")
    genitive = definite and not word.startswith("ال")  # past a definite genitive, whose adjectives agree with it
    taking = ""  # what may come next of a patron's phrase after a participle (:func:`_patron_phrase`)
    states_only = False  # past a state group's genitive, which may be the verb's object (ودعت دول المعارضة، ومنها)
    region = start  # past a region of a continent as a state group's genitive (دول أوروبا الشرقية)
    for j in range(start, min(hi, head + 7)):
        if j < region:
            continue
        t = doc.toks[j]
        comma = t.text in ("،", ",")
        if (after := _list_marker(doc, j + comma, hi, comma, people,
                                  namely=counted and quantifier != "عده" or counted_after)) is not None:
            at = _past_quotes(doc, _past_specifying(doc, after, hi))
            at = _past_title(doc, at, hi, by_tok) if people else at
            members = _list_names(doc, at, hi, by_tok)
            if people and _people_object(before, word, case) and not (
                    case != "accusative" and members and _definite_next(doc, doc.last_tok[members[-1]] + 1, hi)):
                # (والتقى شخصيات معارضة، ومنهم رياض حجاب: whom he met; not …، ومنهم نبيه بري، الحكومة); a definite
                # group is left to the search for a subject (وطالب الوزراء الثلاثة، وهم …، بوقف: they demanded it)
                return [] if counted_after else None
            if not people and members and not doc.is_person(members[0]):  # (بينها السعودية، علي عبد الله صالح)
                members = members[:next((n for n, k in enumerate(members) if doc.is_person(k)
                                         and doc.mentions[k].prefix != "و"), len(members))]
            if states_only and not all(doc.actor_type(k) == "state" or doc.is_place(k) for k in members):
                return []  # (ودعت دول المعارضة، ومنها هيئة التفاوض: the object's list, not the states')
            if people and not (members := [k for k in members if doc.is_person(k)]):
                return None  # (ورحبت شخصيات معارضة، ومنهم الائتلاف: no one of them)
            if members and (before in _SUFFERING or _acted_on(doc, before, people or quantifier in _PARTITIVES,
                                                               doc.last_tok[members[-1]] + 1, hi, people=people)):
                return None  # (وشكرت معظم دول التحالف، ومنها الإمارات، على دعمها: whom it thanked)
            return named[:1] + members if members else []
        if taking and (taking := _patron_phrase(doc, j, taking, by_tok)):
            continue  # (مدعومة من إيران، موالية لإيران، مدعومة من قبل الحرس الثوري، مدعومة من إيران وروسيا)
        if j == head + 1 and not definite and word in _STATE_GROUPS and (body := _states_body(doc, j, by_tok)):
            named, definite, genitive, states_only = body, True, True, True  # (دول الاتحاد الأوروبي، ومنها فرنسا)
            named = [] if quantifier in _PARTITIVES else named  # (معظم دول الاتحاد: some of its states, not it)
            continue
        if j == head + 1 and not definite and word in _STATE_GROUPS and (region := _region_end(doc, j, hi)) > j:
            definite = genitive = states_only = True  # (دول أوروبا الشرقية، ومنها بولندا; دول شرق آسيا)
            continue
        at = j + 1 + (t.text == "اعضاء" and j + 1 < hi and doc.toks[j + 1].text == "في")  # (دول أعضاء في الناتو)
        if word in _STATE_GROUPS and (t.text in ("في", "من") or at > j + 1):
            # (دول أخرى في الاتحاد الأوروبي، بينها ألمانيا: its states, it a place; حكومات في أمريكا اللاتينية)
            body = _states_body(doc, at, by_tok)
            end = doc.last_tok[body[0]] + 1 if body else _region_end(doc, at, hi) if t.text == "في" else at
            end += end == at and t.text == "في" and at < hi and doc.toks[at].text in ("الخليج", "المنطقه")
            if end > at:
                region, definite, genitive, states_only = end, True, True, True
                continue
        if j in by_tok:
            return []
        elif doc.in_mention(j) or t.text == "غير":
            continue  # (منظمات غير حكومية)
        elif j == head + 1 and not definite and t.text == "حقوق" and j + 1 < hi and doc.toks[j + 1].text == "الانسان":
            head += 1  # (منظمات حقوق الإنسان: the genitive's own genitive next)
        elif t.word and j == head + 1 and not definite and _group_genitive(t.text):
            definite = genitive = True  # (دول الجوار، فصائل المعارضة المسلحة، دول الخليج العربي)
            states_only = word in _STATE_GROUPS  # (دول الجوار، ومنها تركيا: states; not دول المعارضة، ومنها الائتلاف)
        elif t.word and (_group_adjective(t.text, definite) or genitive and _masculine_nisba(t.text)
                         or singular and t.text.endswith("ا") and _group_adjective(t.text[:-1] + "ه", definite)
                         or people and _people_adjective(t.text, definite)):
            if people and not quantified and case != "accusative" and (
                    shown := _people_adjective(t.text, definite)) in ("nominative", "accusative"):
                case = shown  # (قادة عرب، قادة عربا; not after a quantifier, whose genitive the noun is: عدد من
                # القادة الأوروبيين، ثلاثة زعماء أوروبيين)
            taking = "" if genitive else _PATRONS_BY.get(t.text.removeprefix("ال"), "")  # (not المجاورة من …)
        else:
            return []  # (أسلحة، على حكومات: an object, a preposition of the verb's)
    return []


def _list_names(doc: _Doc, at: int, hi: int, by_tok: dict[int, list[int]]) -> list[int]:
    """The actors a group's list names from token ``at`` on: the first and those coordinated to it
    (:func:`_with_coordinated`), and past a name the table lacks, first or coordinated by و with a comma before it
    or not, the actors coordinated after it (:func:`_named_next`: ``ومنها ماليزيا وبنغلاديش وباكستان``، ``ومنها
    ماليزيا، وبنغلاديش، وإندونيسيا``: Malaysia and Pakistan, Malaysia and Indonesia), or past an adverb that singles
    out a later member with و (:func:`_past_specifying`: ``ومنها مصر والأردن وخاصة الإمارات``), and an actor of the
    same kind after a comma alone (``بينها الولايات المتحدة، بريطانيا، ألمانيا، والبحرين``)."""
    members: list[int] = []
    first = [k for k in by_tok.get(at, []) if doc.can_speak(k)] or _named_next(doc, at, hi, by_tok)
    while first:
        members += _with_coordinated(doc, first[0], by_tok)
        j = doc.last_tok[members[-1]] + 1  # (a و-word no mention holds: a name the table lacks, وبنغلاديش)
        comma = j + 1 < hi and doc.toks[j].text in ("،", ",")
        j += comma  # (ماليزيا، وبنغلاديش: the list's comma)
        if (past := _past_specifying(doc, j, hi, wa=True)) > j:  # (والأردن وخاصة الإمارات: the next member)
            first = [k for k in by_tok.get(past, []) if doc.can_speak(k)]
        elif comma and (first := _comma_member(doc, j, hi, by_tok, doc.actor_type(members[-1]))):
            continue  # (بينها الولايات المتحدة، بريطانيا، ألمانيا، والبحرين: a list by commas, of one kind)
        else:
            first = _named_next(doc, j, hi, by_tok) if j < hi and doc.toks[j].word and doc.toks[j].text[:1] == "و" \
                and not doc.in_mention(j) else []
    return members


def _comma_member(doc: _Doc, j: int, hi: int, by_tok: dict[int, list[int]], kind: str | None) -> list[int]:
    """The actor at token ``j``, after a list member and a comma alone, where the list goes on there: actors of the
    member's ``kind`` joined by commas up to one with و (``بينها الولايات المتحدة، بريطانيا، ألمانيا، والبحرين``:
    Britain), or []; not an actor after which no و-member follows (``وأدانت دول عدة، بينها السعودية، إيران``: the
    verb's object)."""
    first = [k for k in by_tok.get(j, []) if doc.can_speak(k) and not doc.mentions[k].prefix
             and doc.actor_type(k) == kind]
    at = first
    while at:
        n = doc.last_tok[at[0]] + 1
        n += n < hi and doc.toks[n].text in ("،", ",")
        if any(doc.mentions[k].prefix == "و" and doc.actor_type(k) == kind for k in by_tok.get(n, [])):
            return first
        at = [k for k in by_tok.get(n, []) if not doc.mentions[k].prefix and doc.actor_type(k) == kind] \
            if doc.toks[n - 1].text in ("،", ",") else []
    return []


_STATE_TITLES = {"دوله", "جمهوريه", "مملكه", "سلطنه", "اماره"}
"""Nouns before a state's name (``دولة الكويت``; normalised)."""


def _named_next(doc: _Doc, j: int, hi: int, by_tok: dict[int, list[int]]) -> list[int]:
    """The first actor a list goes on to name, coordinated by و, after a name at token ``j`` that the table lacks
    (``ومنها المجر وبولندا وتركيا``: Turkey), or by و on a title or a noun of :data:`_STATE_TITLES` right before it
    (``ومنها مصر ودولة الكويت``، ``بينهم الملك سلمان والأمير تميم بن حمد``; :data:`_BEFORE_NAMES`; or a nisba that
    stands for the title, :func:`_title_nisba`: ``هم الروسي سيرغي لافروف والتركي مولود جاويش أوغلو``), or the first
    after such a noun at ``j`` (``ومنها دولة الكويت``), past names the table lacks of fewer than :data:`MAX_GAP`
    tokens each, however many (``ومنها المجر وبلغاريا ورومانيا وسلوفاكيا وكرواتيا وسلوفينيا وبولندا``): no
    preposition, complementizer, connective or reporting verb between, nor a comma that no و-word follows (``ومنها
    المجر، بالاتفاق``); [] where the list names none so."""
    name = n = j  # the token where the name being passed starts
    while n < min(hi, name + MAX_GAP):
        t = doc.toks[n]
        head = _strip_conj(doc.toks[name].text)  # (ودولة الكويت، والأمير تميم بن حمد: the و on the word before;
        # ومنها دولة الكويت: the list's first name)
        titled = n == name + 1 and (head != doc.toks[name].text or n == j + 1)
        if n > j and (ks := [k for k in by_tok.get(n, []) if doc.can_speak(k) and (
                doc.mentions[k].prefix == "و" or titled and not doc.mentions[k].prefix and (
                    head in _STATE_TITLES and doc.actor_type(k) == "state"
                    or head != doc.toks[name].text and (head in _BEFORE_NAMES or _title_nisba(head))
                    and doc.is_person(k)))]):
            return ks[:1]
        if not t.word:
            if t.text not in ("،", ",") or n + 1 >= hi or not doc.toks[n + 1].text.startswith("و"):
                return []
            n += 1
            continue
        w = _strip_conj(t.text)
        if doc.in_mention(n) or _is_prep(w) or _complementizer(t) or is_reporting_verb(t.text) or w in _CONNECTIVES:
            return []
        name = n if w != t.text and t.text[:1] == "و" else name  # (وبلغاريا: the next name)
        n += 1
    return []


_MANY = {"ال" + w for w in (
    "قوات", "جيوش", "انظمه", "سلطات", "هيئات", "مؤسسات", "شركات", "مجالس", "وزارات", "اجهزه", "كتائب", "الويه",
    "شخصيات", "قيادات", "زعماء", "قاده", "مسؤولين", "وكالات", "اعضاء", "دوله")}
"""Definite nouns of actors (with :data:`_GROUPS`) that a list after them may name (``الهيئات الأممية، ومنها مجلس
حقوق الإنسان``): after a group's noun they may be the verb's object, whose list it is, no genitive of the group's."""


def _group_genitive(word: str) -> bool:
    """``word`` (normalised) can be the definite genitive of a group's noun (``دول الجوار``، ``فصائل المعارضة``،
    ``حكومات المنطقة``): a definite word that is no particle, day or time, nor a noun of actors (:data:`_MANY`:
    ``وحذرت دول الفصائل، ومنها``: the object's list, maybe)."""
    return len(word) > 3 and word.startswith("ال") and word not in (
        _GROUPS | _MANY | _PREPS | _TIMES | _RELATIVES | _CONNECTIVES | _DEMONSTRATIVES | _COMPLEMENTIZERS)


_CONTINENTS = {"اوروبا", "اوربا", "اسيا", "افريقيا", "امريكا", "اميركا"}
_DIRECTIONS = {"شرق", "غرب", "شمال", "جنوب", "وسط"}
"""Continents and the points of the compass that name a region of one (``أوروبا الشرقية``، ``شرق آسيا``، ``جنوب شرق
آسيا``; normalised)."""


def _region_end(doc: _Doc, j: int, hi: int) -> int:
    """The token after a continent at token ``j``, with the points of the compass before it (``شرق أوروبا``، ``جنوب
    شرق آسيا``; :data:`_CONTINENTS`), or ``j`` where none is there; a continent the table reads as an actor, bare
    ``أمريكا``, only before the group's list (``دول أمريكا، ومنها كندا``: the continent's states, not the United
    States'). (``أمريكا اللاتينية`` and the other regions of the Americas are blocked phrases of the table: no actor's;
    their adjectives come next.)"""
    n = j
    while n < hi and doc.toks[n].text in _DIRECTIONS and not doc.in_mention(n):
        n += 1
    if n >= hi or doc.toks[n].text not in _CONTINENTS:
        return j
    comma = n + 1 < hi and doc.toks[n + 1].text in ("،", ",")
    if doc.in_mention(n) and _list_marker(doc, n + 1 + comma, hi, comma) is None:
        return j
    return n + 1


def _body_states_listed(doc: _Doc, subject: list[int], hi: int, by_tok: dict[int, list[int]]) -> list[int]:
    """The states listed after the international body that ends the verb's ``subject``, coordinated to it by
    ``ودول`` (``ورحبت الحكومة اليمنية ودول مجلس التعاون الخليجي، ومنها السعودية والإمارات``: Saudi Arabia and the
    UAE; :func:`_wa_tokens`, :func:`_group_members`), or []."""
    head = doc.first_tok[subject[-1]] - 1 if len(subject) > 1 else -1
    if head < 0 or doc.toks[head].text != "ودول" or doc.actor_type(subject[-1]) != "international_org":
        return []
    return [k for k in _group_members(doc, head, hi, by_tok) or [] if k != subject[-1]]


def _states_body(doc: _Doc, j: int, by_tok: dict[int, list[int]]) -> list[int]:
    """The international body named at token ``j`` as a state group's genitive (``دول الاتحاد الأوروبي``، ``دول حلف
    الناتو``، ``دول مجلس التعاون الخليجي``), or []: its states, listed after it, speak with it."""
    return [k for k in by_tok.get(j, []) if doc.actor_type(k) == "international_org" and not doc.mentions[k].prefix]


def _people_adjective(word: str, definite: bool) -> str:
    """The case that ``word`` (normalised) shows as an adjective of a group of people, definite as it is: a masculine
    sound plural of a nisba or a participle, ``"nominative"`` (``أمريكيون``، ``معارضون``) or ``"accusative"``
    (``أمريكيين``, which after a verb is its object's), likewise ``عرب``/``عربا``; ``"any"`` for ``أجانب`` or a
    definite nisba (``العرب``، ``الأمريكيون``), ``"accusative"`` for a definite one in ـيين (``الأوروبيين``: after a
    quantifier, its genitive: ``عدد من القادة الأوروبيين``); ``""`` for no such adjective."""
    if definite:
        if word.startswith("ال") and len(word) >= 9 and word.endswith("يين"):
            return "accusative"
        return "any" if word.startswith("ال") and (word in ("العرب", "الاجانب") or len(word) >= 8 and word.endswith(
            "يون")) else ""
    if word == "عرب" or _sound_plural(word):
        return "nominative"
    if word == "عربا" or word.endswith("ين") and _sound_plural(word[:-2] + "ون"):
        return "accusative"
    return "any" if word == "اجانب" else ""


def _definite_next(doc: _Doc, j: int, hi: int) -> bool:
    """Past commas, adverbials and words of time (:func:`_past_adverbials`, :func:`_past_times`) from token ``j``, a
    definite noun (no particle, time or relative) or an actor without a prefix comes next: the verb's object, after a
    list of people that is its subject then (``وطالب بعض النواب، ومنهم نبيه بري، اليوم الحكومة بالاستقالة``)."""
    j = _past_times(doc, _past_adverbials(doc, j, hi), hi)
    if j >= hi or not doc.toks[j].word:
        return False
    if j in doc.starting:
        return not doc.mentions[doc.starting[j]].prefix
    w = doc.toks[j].text
    return not doc.in_mention(j) and len(w) > 3 and w.startswith("ال") and w not in (
        _PREPS | _TIMES | _RELATIVES | _CONNECTIVES | _DEMONSTRATIVES | _COMPLEMENTIZERS)


def _people_object(verb: str, noun: str, case: str) -> bool:
    """A group of people right after ``verb`` (normalised, without و), its ``noun`` normalised and ``case`` what its
    words show (``"nominative"``، ``"accusative"`` or ``""``), is the verb's object: in the accusative (``والتقى
    مسؤولين``، ``وانتقد قادة عربا``), after a verb of meeting unless its noun ends in ``ون`` (:data:`_MEETING`), or
    after one of appeal unless it shows the nominative or the verb is feminine before ``شخصيات``/``قيادات``
    (:data:`_CALLING`)."""
    if case == "accusative":
        return True
    if verb in _MEETING:
        return not noun.endswith("ون")
    return verb in _CALLING and case != "nominative" and not (noun in ("شخصيات", "قيادات") and _feminine(verb))


_LIST_ADVERBS = {"بشده", "بوضوح", "بقوه", "بصراحه", "بحزم", "بحراره", "بالاجماع", "بالمقابل", "مجددا", "رسميا",
                 "علنا", "صراحه", "لاحقا", "سابقا", "مؤخرا", "حاليا", "فورا"}
"""Adverbs of manner, several in ``بـ`` (``بشدة``، ``بوضوح``), and of time (``لاحقا``) that may stand between a list
and what comes next of its clause: no cause or means of the verb's, nor its object (:func:`_acted_on`)."""

_MANNER_OF = {"بشكل", "بصوره"}
"""Nouns in ``بـ`` that make an adverb of manner with the adjective after them (``بشكل واضح``، ``بصورة رسمية``)."""


def _past_manner(doc: _Doc, j: int, hi: int) -> int:
    """The token after the adjective of a noun of :data:`_MANNER_OF` at token ``j``, with ``غير`` before it (``بشكل
    غير مباشر``) and the adjectives coordinated to it that agree with it (``بشكل واضح وصريح``، ``بصورة واضحة
    وصريحة``)."""
    j += j + 1 < hi and doc.toks[j].text == "غير"
    if j >= hi or not doc.toks[j].word or doc.in_mention(j):
        return j
    feminine = doc.toks[j].text.endswith("ه")
    j += 1
    while j < hi and doc.toks[j].word and not doc.in_mention(j) and (t := doc.toks[j].text)[:1] == "و" and len(
            t) > 3 and not t.startswith("وال") and t.endswith("ه") == feminine and not is_reporting_verb(t):
        j += 1
    return j


def _past_adverbials(doc: _Doc, j: int, hi: int) -> int:
    """The token after the commas, asides (:data:`_ASIDES`: ``من جهتها``، ``بدورها``), fixed adverbial phrases
    (:data:`_FRONTINGS`: ``في المقابل``) and adverbs (:data:`_LIST_ADVERBS`، :data:`_MANNER_OF` with its adjectives:
    :func:`_past_manner`) from token ``j`` on, or ``j``."""
    while j < hi:
        if doc.toks[j].text in ("،", ","):
            j += 1
            continue
        if not doc.toks[j].word or doc.in_mention(j):
            return j
        w = _strip_conj(doc.toks[j].text)
        if w in _LIST_ADVERBS:
            j += 1
            continue
        if w in _MANNER_OF:
            j = _past_manner(doc, j + 1, hi)
            continue
        past = next((j + len(p) for p in (*_FRONTINGS, *_ASIDES) if j + len(p) <= hi and w == p[0] and all(
            doc.toks[j + m].text == p[m] for m in range(1, len(p)))), j)
        if past == j:
            return j
        j = past
    return j


_SUFFIXES = ("ها", "هما", "هم", "نا")
"""Pronoun suffixes (``بدعمها``، ``بتمويلهم``، ``بدعمنا``) whose ``ا`` shows no accusative of an indefinite noun."""

_ADVERBIAL_ACCUSATIVES = {"خصوصا", "تحديدا", "تمهيدا", "تزامنا", "استعدادا", "سعيا", "حرصا", "انطلاقا", "تعبيرا",
                          "استنادا", "عموما", "تقريبا"}
"""Accusatives of purpose, specification or time (``تمهيدا لتعديل``، ``خصوصا في اليمن``) that may follow a comma
after the verb's phrase: no object of the verb's (:func:`_object_next`)."""


def _verbal_noun(stem: str) -> bool:
    """``stem`` (normalised, without its ``بـ``) may be a verbal noun, a cause of the verb's (``خرق``، ``تمويل``،
    ``ارتكاب``، ``محاولة``، ``زعزعة``) rather than a name: three or four letters, or a derived pattern (in ``ت``، ``ا``
    or ``م…ة``) or a feminine in ``ة``."""
    bare = next((stem[:-len(x)] for x in _SUFFIXES if stem.endswith(x) and len(stem) - len(x) >= 3), stem)
    if bare != stem and bare.endswith("ت"):  # (بمخالفتها: the ة of مخالفة before a pronoun)
        bare = bare[:-1] + "ه"
    return len(bare) <= 4 or bare[0] in "تا" or bare.endswith("ه")


def _object_next(doc: _Doc, j: int, hi: int) -> bool:
    """Token ``j``, after a list, is the verb's object that a phrase of its preposition follows, so that the group
    before it is the subject: a name the table lacks in ``بـ`` (no verbal noun: :func:`_verbal_noun`) before the
    cause in ``بـ`` (``بنغلادش بدعم``; not ``بخرق بنود``), an indefinite noun in ``بـ`` that shows the accusative
    (``بلدانا أخرى``; not a pronoun's ``ا``: ``بدعمها``، ``بأنها``), or after a phrase of ``في`` set off by a comma,
    an actor or such a noun, no participle or adverb (``في اجتماع الرياض، مبعوثا خاصا``; not ``على دعمها، خصوصا``)."""
    w = _strip_conj(doc.toks[j].text)
    nxt = doc.toks[j + 1] if j + 1 < hi else None
    accusative = w.endswith("انا") or w.endswith("ا") and not w.endswith(_SUFFIXES)  # (بلدانا; not بدعمها، بأنها)
    if w[:1] == "ب" and not w.startswith("بال") and (
            accusative and w[1:] not in _DEMONSTRATIVES and w not in ("بينما", "بدلا", "بعيدا")
            or not _verbal_noun(w[1:]) and nxt is not None and nxt.word and not doc.in_mention(j + 1)
            and len(nxt.text) > 3 and nxt.text[0] == "ب" and nxt.text not in _LIST_ADVERBS | _MANNER_OF
            and not nxt.text.startswith("بعد")):
        return True
    if w != "في":  # (not على دعمها، خصوصا; بالإرهاب، خصوصا; من مناصبهم، تمهيدا)
        return False
    for n in range(j + 1, min(hi - 1, j + MAX_GAP)):
        if doc.toks[n].word:
            continue
        m = n + 1
        if doc.toks[n].text not in ("،", ",") or not doc.toks[m].word:
            return False
        if m in doc.starting:
            return not doc.mentions[doc.starting[m]].prefix  # (قطر: not وقطر، بقطر)
        after = doc.toks[m].text
        return (len(after) > 3 and after.endswith("ا") and not after.startswith(("ال", "و", "ف"))
                and after not in PARTICIPLES | _ADVERBIAL_ACCUSATIVES and not (after[0] == "م" and after[-3] != "و")
                and _past_adverbials(doc, m, hi) == m)  # (not مؤكدا، منتقدا، لاحقا، أيضا; مبعوثا)
    return False


_FIXED_AFTER = {"علي": {"هامش", "لسان", "صعيد", "الهواء", "راس", "مستوي", "خلفيه", "حد"}, "في": {"اجتماع", "بيان"}}
"""Prepositions and the nouns that make fixed adverbial phrases of them (``على هامش القمة``، ``على لسان وزرائها``):
no verb's own preposition."""


def _past_times(doc: _Doc, j: int, hi: int) -> int:
    """The token after the words of time from token ``j`` on (``أمس``، ``يوم الأحد``، ``الخميس الماضي``، ``أمس الأول``),
    with the commas and a bracketed day after them (``أمس (الأحد)``، ``مساء أمس،``), or ``j``."""
    k = j
    while k < hi:
        if _time_word(doc, k) or k > j and doc.toks[k].text in ("،", ","):
            k += 1
        elif (k > j and doc.toks[k].text == "(" and k + 2 < hi and _time_word(doc, k + 1)
              and doc.toks[k + 2].text == ")"):
            k += 3
        else:
            break
    return k


def _acted_on(doc: _Doc, verb: str, undergoes: bool, j: int, hi: int, people: bool = False) -> bool:
    """Whether a group right after ``verb`` (normalised), whose list ends before token ``j``, is what the verb acts on:
    past commas and adverbials (:func:`_past_adverbials`: ``بشدة``، ``من جهتها``), the preposition it governs
    (:data:`_GOVERNED`; not a name: ``علي عبد الله صالح``), a cause or a means (``بتهم``، ``بدعم``) or the clause's
    end comes next, and no object before a phrase of them (:func:`_object_next`: ``بنغلادش بدعم``); after a verb of
    violence (:data:`_VIOLENT`), a group that may undergo it (``undergoes``: people, or a part of a group,
    ``واستهدفت معظم الفصائل، ومنها جيش الإسلام، بغارات``) with a preposition or the clause's end next (a passive's
    subject). Past words of time (:func:`_past_times`) only the verb's own preposition counts, and a passive's
    where the list names persons (``people``)."""
    j = _past_adverbials(doc, j, hi)
    if (timed := _past_adverbials(doc, _past_times(doc, j, hi), hi)) > j:  # (words of time: the verb's own على or
        # من after them, not a fixed phrase of them (على هامش، من جانبها); for people or a part of a group, which may
        # undergo it, its ب or في too, and for people a passive's free preposition; not a means in بـ or لـ, an object
        # or what a bracket ends, which leave the states the subject: أمس (الأحد) إيران، بلهجة شديدة)
        if timed >= hi or not doc.toks[timed].word or doc.in_mention(timed):
            return False
        w, prep = _strip_conj(doc.toks[timed].text), _GOVERNED.get(verb)
        fixed = timed + 1 < hi and doc.toks[timed + 1].text in _FIXED_AFTER.get(w, ())
        cause = prep == "ب" and len(w) > 3 and w[0] == "ب" and not w.startswith("بعد") and w not in _BL_NOUNS
        return not fixed and (prep in ("علي", "من") and w == prep or undergoes and (cause or prep == "في" and w == prep)
                              or people and verb in _VIOLENT and w in ("في", "علي", "خلال", "اثر", "جراء"))
    if j >= hi or not doc.toks[j].word:
        return verb in _GOVERNED or undergoes and verb in _VIOLENT
    w = _strip_conj(doc.toks[j].text)
    prefixed = len(w) > 3 and not doc.in_mention(j) and w not in _BL_NOUNS | _PARTITIVES
    if verb in _GOVERNED:  # (its preposition, or a cause or means: بتهم فساد; not في بيان مشترك، لاحقا، بعد)
        return (w == _GOVERNED[verb] and not doc.in_mention(j) or prefixed and w[0] == "ب" and not w.startswith(
            "بعد")) and not _object_next(doc, j, hi)
    return undergoes and verb in _VIOLENT and (_is_prep(w) or prefixed and w[0] in "بل")


def _past_title(doc: _Doc, j: int, hi: int, by_tok: dict[int, list[int]]) -> int:
    """The token of the person a list names after a title at token ``j`` (``بينهم السفيرة الأمريكية نيكي هيلي``،
    ``بينهم مندوب روسيا فاسيلي نيبينزيا``: a state in the title names no member), or ``j``."""
    if any(doc.is_person(k) for k in by_tok.get(j, [])):
        return j
    person = next((i for i in range(j + 1, min(hi, j + MAX_TITLE)) if any(doc.is_person(k) for k in by_tok.get(i, []))),
                  None)
    return person if person is not None and (_title_words(doc, j, person) or person == j + 1 and _title_nisba(
        doc.toks[j].text)) else j


def _title_nisba(word: str) -> bool:
    """``word`` (normalised) is a definite nisba, masculine or feminine, that may stand for a listed person's title
    (``هم الروسي سيرغي لافروف والألمانية أنغيلا ميركل``)."""
    return _masculine_nisba(word) or len(word) >= 7 and word.startswith("ال") and word.endswith("يه")


def _masculine_nisba(word: str) -> bool:
    """``word`` (normalised) is a definite masculine nisba, or ``الأوسط``, which may qualify a group's genitive
    (``دول الخليج العربي``، ``دول الشرق الأوسط``)."""
    return word == "الاوسط" or len(word) >= 6 and word.startswith("ال") and word.endswith("ي")


_GROUP_ADJECTIVES = {"عده", "عديده", "كثيره", "اخري", "كبري", "كبيره", "صغيره", "قليله", "حليفه", "صديقه", "شقيقه",
                     "بارزه"}
"""Adjectives of a group (``دول عدة``، ``فصائل أخرى``، ``دول صديقة``) that are neither a nisba nor a participle."""

_PATRONS_BY = {"مدعومه": "من", "مقربه": "من", "قريبه": "من", "مموله": "من", "محسوبه": "علي", "مرتبطه": "ب",
               "مواليه": "ل", "تابعه": "ل", "مؤيده": "ل", "مسانده": "ل", "مناصره": "ل", "حليفه": "ل", "صديقه": "ل"}
"""Adjectives of a group (normalised, without ال) and the preposition by which they name its patron (``مدعومة من
إيران``، ``موالية لإيران``، ``محسوبة على``); another participle's phrase (``مسلحة من``، ``مجاورة من``) may be the
verb's object (``وحذرت فصائل مسلحة من الميليشيات الإيرانية، ومنها حزب الله``: the list is the militias')."""

_PATRON_PREFIXES = {"actor": ("",), "و": ("و",), "ل": ("ل", "لل"), "ب": ("ب",)}
"""The prefixes a patron's actor may bear, by what :func:`_patron_phrase` expects of it (``لإيران``، ``وروسيا``)."""


def _patron_phrase(doc: _Doc, j: int, taking: str, by_tok: dict[int, list[int]]) -> str:
    """What may come after token ``j`` of a patron's phrase, given ``taking``, what may come at ``j``: the
    participle's preposition (``من``، ``علي``) as a word, then ``قبل`` after ``من`` or its actor (``مدعومة من قبل
    إيران``); with ``ل``/``ب``, the actor with it as a prefix (``لإيران``); with ``و``, past the actor, one
    coordinated to it (``وروسيا``); "" when ``j`` is none of these (the phrase, if any, has ended)."""
    w = doc.toks[j].text
    if j not in by_tok and doc.in_mention(j):
        return taking  # (the rest of the actor's name: الحرس الثوري)
    if taking in ("من", "علي"):
        return "actor" if w == taking else ""
    if taking == "actor" and w == "قبل" and doc.word_before(j) == "من":
        return "actor"
    ks = by_tok.get(j, [])
    if not ks or not all(doc.adjunct(k) or taking == "و" for k in ks):
        return ""
    prefixes = _PATRON_PREFIXES.get(taking, ())
    return "و" if all(doc.mentions[k].prefix in prefixes for k in ks) else ""


_ADJECTIVE_SHAPED = {"عمليه", "اتفاقيه", "قضيه", "تسويه", "هديه", "قريه", "مساعده", "مبادره", "منطقه", "مدينه",
                     "معركه", "مذكره", "مهمه", "محاوله", "مواجهه", "مسيره", "مظاهره", "مرحله", "مساله"}
"""Nouns shaped as a nisba or a participle, which may be the verb's object (``عملية``، ``مبادرة``)."""


def _group_adjective(word: str, definite: bool) -> bool:
    """``word`` (normalised) can be an adjective agreeing with a group's plural, definite as it is: a feminine nisba
    (``غربية``، ``العراقية``), a participle (``مدعومة``، ``المسلحة``) or one of :data:`_GROUP_ADJECTIVES`; not the ه
    of any feminine noun (``أسلحة``، ``رسالة``: the verb's object, whose list it may be)."""
    if word.startswith("ال") != definite:
        return False
    w = word[2:] if definite else word
    return w in _GROUP_ADJECTIVES or _participle(w) or (
        w.endswith("يه") and not w.endswith("ايه") and len(w) >= 4 and w not in _ADJECTIVE_SHAPED)


def _participle(word: str) -> bool:
    """A feminine participle without ال (``مدعومة``، ``موالية``، ``مسلحة``; normalised), or an adjective naming the
    group's patron (:data:`_PATRONS_BY`: ``قريبة``، ``تابعة``, not shaped so): an adjective of a group's."""
    return word in _PATRONS_BY or (
        len(word) >= 5 and word[0] == "م" and word.endswith("ه") and word not in _ADJECTIVE_SHAPED)


def _list_marker(doc: _Doc, j: int, hi: int, set_off: bool, people: bool = False, namely: bool = False) -> int | None:
    """The token after ``بينها`` or ``من بينها`` (with و or not) at token ``j``, or after ``منها`` with و, ``set_off``
    by a comma or after ``وخاصة`` (``، منها``، ``ومنها``، ``وخاصة منها``; a bare one may say "from it"), or, after a
    group a number counts (``namely``), after ``هي`` or ``وهي`` that names them all (``ثلاث دول أوروبية، هي إسبانيا``،
    ``الدول الثلاث، وهي``), else ``None``; of ``people``, the same with ``هم`` (``ومنهم``، ``من بينهم``، ``ثلاثة وزراء
    هم``، ``الرؤساء الثلاثة، وهم``)."""
    among, of = ("بينهم", "منهم") if people else ("بينها", "منها")
    text = doc.toks[j].text if j < hi and doc.toks[j].word else ""
    w = _strip_conj(text)
    if w == among or w == of and (set_off or w != text) or namely and text in (
            ("هم", "وهم") if people else ("هي", "وهي")):
        return j + 1
    after = doc.toks[j + 1].text if j + 1 < hi else ""
    return j + 2 if (w, after) == ("من", among) or (text, after) == ("وخاصه", of) else None


_SPECIFYING = tuple(tuple(p.split()) for p in (
    "خصوصا", "خاصه", "بخاصه", "تحديدا", "بالخصوص", "بالاخص", "لاسيما", "لا سيما", "علي وجه الخصوص", "علي وجه التحديد",
    "بشكل خاص", "بصفه خاصه"))
"""Adverbs that single out the members a list names, between its marker and its first name (``ومنها خصوصا الأردن``،
``بينها خاصة مصر``، ``ومنها على وجه الخصوص قطر``; normalised)."""


def _past_specifying(doc: _Doc, j: int, hi: int, wa: bool = False) -> int:
    """The token after an adverb of :data:`_SPECIFYING` at token ``j``, with و on its first word where ``wa``
    (``والأردن وخاصة الإمارات``، ``وعلى وجه الخصوص``), or ``j``."""
    return next((j + len(p) for p in _SPECIFYING if j + len(p) <= hi and not doc.in_mention(j) and all(
        doc.toks[j + m].word and doc.toks[j + m].text == ("و" if wa and not m else "") + p[m]
        for m in range(len(p)))), j)


_FRONTINGS = tuple(tuple(p.split()) for p in (
    "حيال ذلك", "في هذا السياق", "في غضون ذلك", "من جهته", "من جهتها", "من جانبه", "من جانبها", "في المقابل",
    "علي صعيد اخر", "في سياق متصل", "في سياق اخر", "الي ذلك", "بدوره", "بدورها", "في الاثناء", "في هذه الاثناء",
    "في الوقت نفسه", "في وقت لاحق", "في وقت سابق", "بعد ذلك", "اثر ذلك", "علي الصعيد الميداني", "ميدانيا",
    "من ناحيه اخري", "في تلك الاثناء", "علي اثر ذلك"))
"""Fixed phrases that open a sentence before its verb, with or without a comma (``وحيال ذلك اكتفى الأمين العام``)."""


def _past_fronting(doc: _Doc, i: int, hi: int) -> int:
    """The token after a fixed fronted phrase (:data:`_FRONTINGS`) that starts at ``i``, or ``i``."""
    for phrase in _FRONTINGS:
        n = len(phrase)
        if i + n <= hi and _strip_conj(doc.toks[i].text) == phrase[0] and not doc.in_mention(i) and all(
                doc.toks[i + m].text == phrase[m] for m in range(1, n)):
            return i + n
    return i


_RELATIVE_ACTS = {p + v + o for v in ("شن", "نفذ", "ارتكب", "اطلق") for p in ("", "ي", "ت") for o in ("ها", "ه")} | {
    v + t + o for v in ("شن", "نفذ", "ارتكب", "اطلق") for t in ("ت",) for o in ("ها", "ه")} | {
    "تبناه", "تبناها", "تبنته", "تبنتها"}
"""An attack's verb with the pronoun of the noun it qualifies (``غارات شنتها``، ``الهجوم الذي نفذه``، ``التفجير الذي
تبناه``): its agent follows."""
_ATTACKS = {"غاره", "غارات", "ضربه", "ضربات", "هجوم", "هجمات", "قصف", "قذيفه", "قذائف", "صاروخ", "صواريخ", "تفجير",
            "تفجيرات", "عمليه", "عمليات", "مجزره", "مجازر", "حمله", "حملات", "اعتداء", "اعتداءات", "رشقه", "رشقات",
            "كمين", "اغتيال", "معركه", "معارك", "هجومه", "انفجار", "غارتين", "هجومين"}
"""Nouns of an attack whose relative clause names the attacker (``غارات شنتها``، ``الهجوم الذي نفذه``)."""
_HARMS = {"قتل", "قتلت", "قتلوا", "مقتل", "قتلي", "سقط", "سقطت", "سقوط", "اصيب", "اصيبت", "اصيبوا", "اصابه",
          "استشهد", "استشهدوا", "استشهاد", "لقي", "لقيت", "جرح", "جرحي", "دمر", "دمرت", "تدمير", "ادت", "ادي", "اسفرت",
          "اسفر", "ارتفع", "ارتفعت", "اعدام", "اعدم", "اختطاف", "خطف", "تم", "قضي", "قضوا", "ضحايا", "تضرر", "تضررت",
          "اعداما", "تعرض", "تعرضت", "شهد", "شهدت"}
"""Words of a harm an attack caused, before the attack's relative clause or ``على يد`` (``قتل ثمانية مدنيين في غارات
شنتها``، ``مقتل خمسة على يد``، ``تم إعدامه على يد``)."""
_ATTACKS_HARMS = _ATTACKS | _HARMS
"""The words :func:`_bare` strips a clitic and an article from."""
_BY_HANDS = {("علي", "يد"), ("علي", "ايدي")}
"""``على يد``، ``على أيدي``: "at the hands of", the agent follows."""
_DASHES = ("-", "–", "—", "/")
_BULLETS = {"-", "–", "—", "*", "•", "·"}
"""Marks that open an item of a list (``- أنفقت منظمة الصحة العالمية …``)."""
_AGENCIES = {"سانا", "وفا", "واس", "وام", "قنا", "بترا", "كونا", "واع", "سبا", "ارنا", "معا", "رويترز", "وكالات", "بنا",
             "العمانيه"}
"""Agencies' short names, as a dateline writes them after its dash (``رام الله - وفا``، ``الخرطوم - وكالات -``)."""
_BRACKETED = _AGENCIES | {"خاص", "cnn", "ا", "ف", "ب", "ش"}
"""Words a dateline's brackets hold (``(رويترز)``، ``(أ ف ب)``، ``(CNN)``، ``(خاص)``)."""
_MONTHS = {"يناير", "فبراير", "مارس", "ابريل", "مايو", "يونيو", "يوليو", "اغسطس", "سبتمبر", "اكتوبر", "نوفمبر",
           "ديسمبر", "كانون", "شباط", "اذار", "نيسان", "ايار", "حزيران", "تموز", "اب", "ايلول", "تشرين", "الثاني",
           "الاول"}


def _place_colon(doc: _Doc, lo: int, c: int, hi: int, by_tok: dict[int, list[int]]) -> bool:
    """The colon at token ``c`` closes a dateline's place (``لندن: هددت حكومة إقليم كردستان``، ``دمشق: الجيش السوري
    يستعيد``): a place from ``lo``, then a word that can be a verb, or an actor of the place's own state or one that
    speaks (``بيروت: حزب الله يعلن``); not a
    headline's speaker (``كييف: روسيا قصفت``، ``واشنطن: على موسكو``، ``طهران: لن نتفاوض``، ``موسكو: نرحب``). A state's
    name before the colon is a label only before a noun of an event or a number (``ليبيا: فرار مئات السجناء``،
    ``العراق: 16 قتيلا``, :data:`_EVENTS`)."""
    nxt = doc.toks[c + 1] if c + 1 < hi else None
    if nxt is None or not nxt.word:
        return False
    w = _strip_conj(nxt.text)
    if any(doc.last_tok[k] == c - 1 and doc.actor_type(k) == "state" and doc.mentions[k].kind == "alias"
           for k in by_tok.get(lo, [])):  # ليبيا: فرار مئات السجناء، العراق: 16 قتيلا; روسيا: الهجوم مفبرك (its words)
        return nxt.text in _EVENTS or w in _EVENTS or w.isdigit()  # (فرار: its ف is its own)
    place = next((k for k in by_tok.get(lo, []) if doc.last_tok[k] == c - 1
                  and doc.is_place(k)), None)
    if place is None:
        return False
    if c + 1 in by_tok:  # دمشق: الجيش السوري يستعيد تدمر (its own state's actor acts); كييف: روسيا قصفت (a claim)
        state = doc.actor(doc.mentions[place].actor).speaks_for
        return any(state is not None and state in {doc.mentions[k].actor, *doc.ancestors(doc.mentions[k].actor)}
                   or doc.last_tok[k] + 1 < hi and _reports(doc, doc.last_tok[k] + 1) for k in by_tok[c + 1])
    first_person = w.startswith("سن") or (w[:1] == "ن" and "ي" + w[1:] in _PRESENT)  # (موسكو: نرحب، أنقرة: سنرد)
    return not (w.startswith("ال") or w in _PREPS | _NEGATIONS or _complementizer(nxt) or first_person)


_EVENTS = {"مقتل", "مصرع", "سقوط", "فرار", "حبس", "سجن", "براءه", "اعدام", "اعتقال", "القبض", "اختطاف", "اختفاء",
           "اصابه", "وفاه", "انفجار", "تفجير", "هجوم", "غرق", "حريق", "زلزال", "تدمير", "اسقاط", "ضبط", "احاله",
           "معارك", "اشتباكات", "احتجاجات", "تظاهرات", "مظاهرات", "قتلي", "قتيل", "جرحي", "توقف",
           "اكتشاف", "اغلاق", "تراجع", "ارتفاع", "انخفاض", "انهيار", "فيضانات", "اعصار", "قصف", "غارات", "مقاتلون"}
"""Nouns of an event that, first after a state's name and a colon, make the name a headline's label (``ليبيا: فرار
مئات السجناء``), not its speaker (normalised; indefinite: ``روسيا: الهجوم مفبرك`` is its words)."""


def _dateline_end(doc: _Doc, lo: int, hi: int, by_tok: dict[int, list[int]], again: bool = True) -> int:
    """The token after a dateline that opens the sentence at ``lo``, else ``lo``. A dateline: up to three words (four
    with a comma after the first) and an agency in brackets, a dash or a place's colon, then an agency and its dash or
    a medium's name and its dash (``القاهرة - ``، ``دمشق-سانا``، ``بيروت (رويترز) - ``، ``رام الله - وفا``، ``الخرطوم -
    وكالات -``، ``لندن:``، ``دبي، الإمارات العربية المتحدة (CNN) --``، ``SMART News Agency - وكالة سمارت للأنباء -``);
    a place and an agency's brackets alone (``حلب (خاص)``); a site's name and its dash before such a place, once when
    ``again`` (``بلدي نيوز - حلب (خاص)``); a place, a day and an agency (:func:`_dated_dateline`: ``دمشق في 9 نوفمبر /
    وام /``); a date (``19 أبريل 2011``); a list's bullet (``- قصفت القوات التركية``); any of these after a byline's
    label ``المصدر :``."""
    if lo + 2 < hi and doc.toks[lo].text == "المصدر" and doc.toks[lo + 1].text == ":":  # a byline's label
        end = _dateline_end(doc, lo + 2, hi, by_tok, again)  # (المصدر : أبوظبي - سكاي نيوز عربية)
        return end if end > lo + 2 else lo
    if lo + 1 < hi and doc.toks[lo].text in _BULLETS and doc.toks[lo + 1].word and not any(
            doc.last_tok[k] + 1 < hi and doc.toks[doc.last_tok[k] + 1].text == ":" for k in by_tok.get(lo + 1, ())):
        lo += 1  # (not - سوريا : …, a label)
    if (end := _dated_dateline(doc, lo, hi, by_tok)) is not None:
        return end  # دمشق في 9 نوفمبر / وام /، عمان 19 تشرين الأول (بترا)-، جدة - 6 - 6 (كونا) --
    j = lo + (lo + 1 < hi and doc.toks[lo].text == "في" and doc.toks[lo + 1].text.isdigit())
    while j < hi and (doc.toks[j].text.isdigit() or doc.toks[j].text in _MONTHS or (
            j > lo and doc.toks[j].text == "/" and doc.toks[j - 1].text in _MONTHS)):  # (11 آب/أغسطس 2006 -)
        j += 1
    if j > lo:  # (19 أبريل 2011 أقرت الحكومة السورية، في 19 أبريل …، 25 - الرئيس الأميركي يوقع)
        end = j + (j < hi and doc.toks[j].text in _DASHES)
        return lo if end < hi and _complementizer(doc.toks[end]) else end  # (2 - إن تحول إيران: a list of claims)
    words, comma = 0, False
    while j < hi and words < 3 + comma and not _reports(doc, j) and (
            doc.toks[j].word or (j == lo + 1 and doc.toks[j].text in ("،", ","))):  # (أتلانتا، الولايات المتحدة)
        comma = comma or not doc.toks[j].word
        words += doc.toks[j].word
        j += 1
    if j == lo or j >= hi or not doc.toks[j - 1].word:
        return lo
    last_word = doc.toks[j - 1].text
    if doc.toks[j].text == "(":
        close = next((m for m in range(j + 1, min(hi, j + 5)) if doc.toks[m].text == ")"), None)
        if close is not None and _agency_in(doc, j + 1, close, by_tok) and close + 1 < hi and \
                doc.toks[close + 1].word and len(last_word) > 1:  # (not ح (رويترز): a word cut off)
            return close + 1  # حلب (خاص) استعادت: a dateline closed by its agency's brackets
        j = hi if close is None else close + 1
    # no person named before it (a byline's or a headline's); a state, a body or a site's section name before a dash
    # is far more often a dateline or a prefix (سوريا - …، داعش Archives - …) than a headline's subject (a review of
    # 371 real texts: 19 worse, none better, when only places were let through)
    named = any(doc.is_person(k) for i in range(lo, j) for k in by_tok.get(i, ()))
    place = not named and len(last_word) > 1  # (السيسي يلجأ ل - الخداع: a clitic cut off, no dateline)
    if j >= hi or not (doc.toks[j].text in _DASHES and place or doc.toks[j].text == ":"
                       and _place_colon(doc, lo, j, hi, by_tok)):
        return lo
    j += 1
    while j < hi and doc.toks[j].text in _DASHES and doc.toks[j - 1].text in _DASHES:
        j += 1  # (دبي، الإمارات (CNN) -- أعلنت)
    if doc.toks[j - 1].text == "/":  # (أنقرة/ زكريا يلدز/ الأناضول: the reporter's name between slashes)
        j = next((m + 1 for m in range(j, min(hi, j + 4)) if doc.toks[m].text == "/"), j)
    agency = [k for k in by_tok.get(j, []) if doc.actor_type(k) == "media"]
    if agency:
        j = doc.last_tok[agency[0]] + 1
    elif j < hi and doc.toks[j].text in _AGENCIES:
        j += 1
    elif (end := _byline_end(doc, j, hi, by_tok)) is not None:
        return end  # SMART News Agency - وكالة سمارت للأنباء - قوات النظام تسيطر
    elif again and any(doc.is_place(k) for k in by_tok.get(j, ())):  # a site's name, then the dateline's place
        return _dateline_end(doc, j, hi, by_tok, again=False)  # (بلدي نيوز - حلب (خاص) استعادت)
    else:
        return j
    return j + 1 if j < hi and doc.toks[j].text in _DASHES else j


def _dated_dateline(doc: _Doc, lo: int, hi: int, by_tok: dict[int, list[int]]) -> int | None:
    """The token after a dateline of a place, its day (and month) and an agency in brackets or between slashes, as the
    Gulf's and Jordan's agencies write them (``دمشق في 9 نوفمبر / وام /``، ``مسقط في 10 أبريل /العُمانية/``، ``عمان 19
    تشرين الأول (بترا)-``، ``جدة - 6 - 6 (كونا) --``), with the dashes or colon after it; else None."""
    j = lo
    while j < min(hi, lo + 3) and doc.toks[j].word and not doc.toks[j].text.isdigit() and doc.toks[j].text != "في":
        j += 1
    if j == lo or any(_reports(doc, m) for m in range(lo, j)):
        return None  # (عمان, no alias of Amman's by itself: the agency after the date tells the dateline)
    j += j < hi and doc.toks[j].text == "في"
    start = j
    while j < hi and (doc.toks[j].text.isdigit() or doc.toks[j].text in _MONTHS or doc.toks[j].text in _DASHES and
                      j + 1 < hi and doc.toks[j + 1].text.isdigit() or doc.toks[j].text in _DASHES and j == start):
        j += 1  # (6 - 6; - 6 - 6 after the place's own dash)
    if not any(t.text.isdigit() for t in doc.toks[start:j]) or j >= hi:
        return None
    if doc.toks[j].text == "(":
        close = next((m for m in range(j + 1, min(hi, j + 5)) if doc.toks[m].text == ")"), None)
        if close is None or not _agency_in(doc, j + 1, close, by_tok):
            return None
        j = close + 1
    elif doc.toks[j].text == "/" and j + 2 < hi and doc.toks[j + 1].text in _AGENCIES and doc.toks[j + 2].text == "/":
        j += 3
    else:
        return None
    while j < hi and (doc.toks[j].text in _DASHES or doc.toks[j].text == ":"):
        j += 1
    return j


def _agency_in(doc: _Doc, lo: int, hi: int, by_tok: dict[int, list[int]]) -> bool:
    """Tokens ``lo``–``hi`` (inside brackets) name a news agency or say the report is the site's own (``رويترز``،
    ``أ ف ب``، ``CNN``، ``خاص``)."""
    words = [t.text for t in doc.toks[lo:hi] if t.word]
    return bool(words) and (all(w in _BRACKETED for w in words) or any(
        doc.actor_type(k) == "media" for i in range(lo, hi) for k in by_tok.get(i, ())))


def _byline_end(doc: _Doc, j: int, hi: int, by_tok: dict[int, list[int]]) -> int | None:
    """The token after a second piece of a byline, a medium's name of up to four words and its dash (``وكالة سمارت
    للأنباء -``، ``مراسل سوري -``), where one starts at ``j``; else ``None``."""
    for end in range(j + 1, min(hi, j + 5)):
        t = doc.toks[end]
        if t.text in _DASHES:
            return end + 1 if end + 1 < hi and _medium(doc.toks[j].text) and not any(
                doc.can_speak(k) for i in range(j, end) for k in by_tok.get(i, ())) else None
        if not t.word or _reports(doc, end):
            return None
    return None


_UNDERGOING = {p + s for p in ("", "ت", "ي") for s in ("تعرض", "عاني", "شهد", "ستعد", "واجه")} | {
    "تعرضت", "عانت", "شهدت", "استعد", "استعدت", "واجهت", "اصيب", "اصيبت", "استشهد", "استشهدت", "جرح", "جرحت"} | {
    v + e for v in ("اغتيل", "اقيل", "اختير") for e in ("", "ت")} | _SUFFERING
"""Verbs of undergoing (``تعرضت موسكو لهجوم``، ``تشهد سوريا``، ``تستعد تركيا``، ``أصيب عناصر من الجيش``، ``تأثرت
الكويت``) and the passives that read as such unvowelled (``اغتيل``، ``أقيل``، ``اختير``، ``دعيت``): their subject
does not act; of :data:`_SUFFERING`, unless negated (``ولم تخضع إيران``: it resists) or a verb after the clause
shares the subject (:func:`_goes_on`)."""
_KILLED = {form for v in ("قتل", "اعدم", "اعتقل", "اختطف", "خطف") for form in (v, v + "ت")}
"""The past forms of killing or seizing a person, which read the same as a passive unvowelled (``وقتل قاسم سليماني في
غارة``); not ``حاصر`` or ``أجبر``, whose person after them acts (``وحاصر خليفة حفتر خلال حملة عسكرية مدينة درنة``)."""
_DISMISSED = {"اعفي", "اعفيت"}
"""A verb of dismissal that reads the same as a passive unvowelled (``أُعفي``; ``أعفى`` is normalised to it), whose
object, right after it, the post it leaves follows (``وأعفي عادل الجبير من منصبه``); not ``أقال``, whose passive is
``أقيل`` (:data:`_UNDERGOING`)."""
_POSTS = ("منصب", "مهام", "موقع")
"""The nouns of a post that ``من`` opens after a verb of :data:`_DISMISSED` (``من منصبه``، ``من مهامه``)."""
_ATTACK_PREPS = {"في", "خلال", "اثر", "جراء"}
"""Prepositions before an attack's noun that says how its subject was harmed (``في غارة``، ``جراء قصف``)."""
_AMOUNTS = {p + w for p in ("", "ال") for w in ("عشرات", "مئات", "الاف", "ملايين", "الف", "مئه", "عدد", "اكثر")}
"""Words of a number of people, which open a verb's object (``عشرات الآلاف من الأكراد``، ``آلاف المعارضين``)."""


def _passive_subject(doc: _Doc, v: int, k: int, hi: int, by_tok: dict[int, list[int]]) -> bool:
    """The person of mention ``k``, right after the unvowelled verb at ``v``, is what it acts on, since no object
    comes between or after: after a verb of violence (:data:`_KILLED`), an attack that harmed him (``وقتل قاسم
    سليماني في غارة أمريكية``، ``بقصف``، ``على يد``); after one of dismissal (:data:`_DISMISSED`), the post he leaves
    (``وأعفي عادل الجبير من منصبه``), each ending the clause (:func:`_clause_ends`). Active, the verb has its object
    next (``وقتل الجيش مسلحين في غارة``) or after the phrase (``وقتل صدام حسين في حملة الأنفال عشرات الآلاف``، ``وأعفى
    الملك سلمان من منصبه وزير الخارجية``)."""
    w = _strip_conj(doc.toks[v].text)
    j = doc.last_tok[k] + 1
    if doc.first_tok[k] != v + 1 or not doc.is_person(k) or j + 1 >= hi or not doc.toks[j].word or doc.in_mention(j):
        return False
    if w in _KILLED:
        if (doc.toks[j].text, doc.toks[j + 1].text) in _BY_HANDS:
            return True
        if doc.toks[j].text in _ATTACK_PREPS and _bare(doc.toks[j + 1].text) in _ATTACKS:
            return _clause_ends(doc, j + 2, hi, by_tok)
        return doc.toks[j].text[:1] == "ب" and _bare(doc.toks[j].text) in _ATTACKS and _clause_ends(
            doc, j + 1, hi, by_tok)
    return w in _DISMISSED and doc.toks[j].text == "من" and doc.toks[j + 1].text.startswith(_POSTS) and _clause_ends(
        doc, j + 2, hi, by_tok)


def _clause_ends(doc: _Doc, j: int, hi: int, by_tok: dict[int, list[int]]) -> bool:
    """The clause ends from token ``j`` (a comma, a full stop, a word with و/ف, an attack's relative clause) with no
    noun phrase that could be a verb's object: only the genitives and adjectives of the phrase before it (definite,
    in ة، ي or the accusative ا: ``غارة أمريكية``، ``حملة الأنفال``، ``من منصبه وزيرا``), prepositional phrases (``قرب
    مطار بغداد``) and actors that are no person; not a number of people (:data:`_AMOUNTS`), a person or another
    noun (``في حملات قمع واسعة آلاف المعارضين``، ``من منصبه وزير الخارجية عادل الجبير``)."""
    in_phrase = False  # after a preposition: its object
    for n in range(j, hi):
        text = doc.toks[n].text
        if not doc.toks[n].word or n > j and _conjoined(text) and not doc.in_mention(n):
            return True
        if doc.in_mention(n):
            if any(doc.is_person(m) for m in by_tok.get(n, ())) and not in_phrase:
                return False
            continue
        w = _strip_conj(text)
        if w in _AMOUNTS or w.isdigit():
            return False
        if w in _RELATIVE_ACTS or w in ("التي", "الذي"):
            return True
        if _is_prep(w) or w.startswith("لل"):
            in_phrase = True
        elif not (in_phrase or w.startswith("ال") or w.endswith(("ه", "ي", "ا"))):
            return False
    return True
_UNDERGONE = {"مقتل", "مصرع", "اغتيال", "اعتقال", "اعدام", "وفاه", "اختطاف"}
"""Nouns that open a headline with who undergoes them (``مقتل زعيم تنظيم داعش أبو بكر البغدادي``، ``اعتقال قيادي في
داعش``): no agent of the sentence."""
_DELEGATIONS = {"وفد", "وفدا", "وفدي", "وفود", "طائرات", "طائره", "طيران", "مقاتلات", "مدفعيه", "وحدات", "عناصر",
                "مقاتلو", "مقاتلي", "مسلحو", "مسلحي", "ممثلو", "ممثلي", "اعضاء"}
"""Nouns before the actor whose delegation, aircraft or fighters act for it (``وفد المعارضة``، ``طائرات التحالف``)."""


def _delegation_end(doc: _Doc, i: int, hi: int) -> int:
    """The token after a run of :data:`_DELEGATIONS` words from ``i`` (``وفد``، ``ممثلو``، ``عدد من أعضاء وفد``), or
    ``i`` where none starts."""
    j = i
    if doc.toks[j].text in ("عدد", "وعدد") and j + 2 < hi and doc.toks[j + 1].text == "من" and \
            doc.toks[j + 2].text in ("اعضاء", "ممثلي", "ممثلو"):
        j += 2  # (عدد من أعضاء …: some of them; not عدد من مقاتلي …, who are killed or wounded more often than act)
    start = j
    while j < hi and (doc.toks[j].text in _DELEGATIONS or _strip_conj(doc.toks[j].text) in _DELEGATIONS):
        j += 1
    if j == start + 1 and _strip_conj(doc.toks[start].text) == "طيران" and doc.starting.get(j) is not None and \
            doc.actor_type(doc.starting[j]) == "state":
        return i  # (أرباح طيران الإمارات: an airline)
    if j > start and _strip_conj(doc.toks[j - 1].text) == "وحدات" and j + 1 < hi and doc.toks[j].text == "من":
        j += 1  # وحدات من الجيش العربي السوري: some of its units (not عناصر من الجيش, killed more often than acting)
    return j if j > start else i


def _passive_agents(doc: _Doc, lo: int, hi: int, by_tok: dict[int, list[int]]) -> list[int]:
    """The agents a passive names with ``من قبل`` (``ووُقّع اتفاق … من قبل ممثلين عن الجيش السوداني وقوات الدعم
    السريع``) or ``على يد`` (``اختطاف 100 عائلة على يد تنظيم الدولة``), or an attack's relative clause right before
    them (``قتل ثمانية مدنيين في غارات شنتها الطائرات الروسية``), with those coordinated to the first; not ``من قبل``
    meaning "before" (no actor right after it), nor one after a reporting verb (``وقال الباحث إن الهدنة خرقت من قبل
    روسيا``: in what is said).
    The relative clause and ``على يد`` count within the sentence's first
    :data:`MAX_RELATIVE` tokens, before anything is said or reported in it and before a colon (``وأكدت المصادر أن غارات
    تشنها الطائرات الروسية``: what the sources say; ``رحب إقليم كردستان … بعد انسحاب الجيش أمام هجوم شنه داعش``: a
    subordinate clause far from the sentence's act), and only for the sentence's own event: a harm
    (:data:`_HARMS`) before it, or the attack's noun (:data:`_ATTACKS`) the sentence's subject (none in ``طلب …
    بالتحقيق في جرائم ارتكبتها إسرائيل``، ``مع عمليات القصف التي ينفذها الطيران الروسي، وصلت قوات إيرانية``، ``الاسم
    الذي أطلقته إسرائيل``)."""
    start = _dateline_end(doc, lo, hi, by_tok)
    near = start  # the relative clause's last token that may count
    while near < hi and near - start < MAX_RELATIVE and not _complementizer(t := doc.toks[near]) and not (
            t.text == ":" and not doc.toks[near - 1].text.isdigit()) and not (  # (a date's 2014 : قتل is no headline)
            t.word and not doc.in_mention(near) and _reports(doc, near)):
        near += 1
    said = next((n for n in range(start, hi) if doc.toks[n].word and not doc.in_mention(n) and _reports(doc, n)), hi)
    harm = next((n for n in range(start, near) if _bare(doc.toks[n].text) in _HARMS), near)
    for i in range(lo, hi - 1):
        if start <= i < near and doc.toks[i].text in _RELATIVE_ACTS and not doc.in_mention(i) and (
                attack := _attack_before(doc, i, start)) is not None and (
                harm < i or _opens_sentence(doc, start, attack)):
            j = i + 1  # قتل … في غارات شنتها، أدت الغارات التي شنتها: the sentence's event is the attack's harm
        elif start <= i < near and i + 2 < hi and (doc.toks[i].text, doc.toks[i + 1].text) in _BY_HANDS and \
                not doc.in_mention(i + 1) and harm < i:
            j = i + 2
        elif i < said and i + 2 < hi and doc.toks[i].text == "من" and doc.toks[i + 1].text == "قبل" and \
                not doc.in_mention(i + 1):
            j = i + 2
        else:
            continue
        while j < hi and j - i <= 4 and j not in by_tok and doc.toks[j].word and doc.toks[j].text in _ON_BEHALF | {
                "عن", "من"}:
            j += 1
        first = [k for k in by_tok.get(j, []) if doc.can_speak(k)]
        if first:
            return _with_coordinated(doc, first[0], by_tok)
    return []


def _bare(word: str) -> str:
    """A word of :data:`_ATTACKS` or :data:`_HARMS` without its conjunction, a preposition's clitic and its article
    (``بالغارات`` → ``غارات``، ``بقصف`` → ``قصف``، ``وتم`` → ``تم``); another word as it is, less its conjunction."""
    w = word[1:] if word[:1] in ("و", "ف") and word[1:] in _ATTACKS_HARMS else _strip_conj(word)
    for rest in (w[1:], w[1:].removeprefix("ال"), w.removeprefix("ال")):
        if w[:1] in ("ب", "ل", "ك", "ا") and rest in _ATTACKS_HARMS:
            return rest
    return w


def _opens_sentence(doc: _Doc, start: int, k: int) -> bool:
    """Token ``k`` is within the sentence's first three words, none of those before it a preposition (``أدت الغارات``،
    ``وهذا هو الهجوم``; not ``مع عمليات القصف``)."""
    words = [_strip_conj(t.text) for t in doc.toks[start:k] if t.word]
    return len(words) <= 2 and not any(_is_prep(w) for w in words)


def _attack_before(doc: _Doc, i: int, start: int) -> int | None:
    """The token of the attack's noun (:data:`_ATTACKS`) that the relative verb at ``i`` qualifies, right before it,
    before ``التي``/``الذي`` or a comma, or with one or two adjectives between (``ضربات جوية شنتها``، ``الهجوم الخاطف
    الذي شنته``، ``قصف جوي ، نفذته``)."""
    k = i - 1
    k -= k >= start and (doc.toks[k].text in ("التي", "الذي") or doc.toks[k].text in ("،", ","))
    return next((n for n in (k, k - 1, k - 2) if n >= start and doc.toks[n].word
                 and _bare(doc.toks[n].text) in _ATTACKS), None)


def _official_anaphor(doc: _Doc, subj: list[int], continued: Sequence[str]) -> Anaphor | None:
    """The anaphor a definite unnamed official as the subject reads as (``وأضاف المسؤول الأمريكي أن``: the American
    who spoke before, if he leads nothing), when it takes up one of the last speakers; ``None`` otherwise (the
    official then speaks for its state, as sources always do: ``وأضافت المصادر الروسية``)."""
    if len(subj) != 1 or doc.mentions[subj[0]].kind != "official":
        return None
    m = doc.mentions[subj[0]]
    noun = m.alias.split()[0]
    if noun not in _SUBORDINATES:  # (المصادر الروسية: sources speak for their state, not for a minister)
        return None
    anaphor = Anaphor(ANAPHORS[noun], True, m.actor)
    return anaphor if any(_takes_up(doc, anaphor, a) for a in continued) else None


_PAIRS = {"الجانبان": (), "الطرفان": (), "الرئيسان": ("person",), "الوزيران": ("person",), "الزعيمان": ("person",),
          "المسؤولان": ("person",), "المبعوثان": ("person",), "البلدان": ("state",), "الدولتان": ("state",)}
"""Dual nouns that, as a verb's subject (``وأكد الجانبان``، ``وأكد البلدان``), take up the two sides just named: any
two actors, two people, or two states."""
_DUALS = frozenset({s + "ا" for s in _PAST if not s.endswith(("ا", "ي"))}
                   | {(s[:-1] if s.endswith(("ا", "ي")) else s) + "تا" for s in _PAST}) - _NOT_VERBS
"""Dual past verbs (``وأكدا``، ``وقالا``، ``وأكدتا``): with و their subject is the two sides just named."""


def _pair(doc: _Doc, v: int, lo: int, before: int) -> list[int]:
    """The two sides that the verb at ``v`` takes up by a dual (``التقى بوتين أردوغان …، وأكدا``; ``وأجرى أردوغان
    اتصالا مع بوتين، واتفق الرئيسان``): the first two actors who can speak, outside prepositional phrases other than
    a meeting's (``مع بوتين``), named in the sentence before the verb, else in the sentence before it; [] where the
    verb takes up no pair, or no two are named. Two people named there are the sides before any body or state (``قال
    الكرملين إن بوتين أجرى اتصالا مع أردوغان، وأكدا``: not the Kremlin that reports it)."""
    t = doc.toks[v]
    nxt = doc.toks[v + 1] if v + 1 < len(doc.toks) else None
    if nxt is not None and nxt.word and _strip_conj(nxt.text) in _PAIRS:
        types = _PAIRS[_strip_conj(nxt.text)]
    elif _conjoined(t.text) and _strip_conj(t.text) in _DUALS:
        types = ()
    else:
        return []
    b_lo, _ = doc.token_range(before, doc.toks[lo].start)
    for first, last in ((lo, v), (b_lo, lo)):
        picked: dict[str, int] = {}
        for k in sorted(doc.mentions_in(doc.toks[first].start, doc.toks[last].start) if first < last else []):
            a = doc.actor(doc.mentions[k].actor)
            if a is None or not doc.can_speak(k) or (types and a.type not in types) or a.id in picked:
                continue
            if doc.adjunct(k) and doc.prev_word(k) not in _MET:
                continue
            picked[a.id] = k
        people = [k for k in picked.values() if doc.is_person(k)]
        if len(picked) >= 2:
            return people[:2] if len(people) >= 2 else list(picked.values())[:2]
    return []


def _bears(doc: _Doc, actor_id: str, rank: str) -> bool:
    """The table names the person with ``rank`` (``العماد جوزيف عون``): not another officer of the name (العميد عون)."""
    a = doc.actor(actor_id)
    return a is not None and any(normalise_key(alias).split()[0] == rank for alias in a.aliases)


def _surname(doc: _Doc, v: int, hi: int, continued: Sequence[str]) -> list[int]:
    """Where the one word after the verb at ``v`` (past a title: ``وشدد الرئيس عون``) is the last word of a person
    among the last speakers (``continued``; ``وقال عون`` after ``جوزيف عون``, with a preposition, ``للصحفيين`` or the
    end of the clause after it): the last mentions of that person and of the last speakers he belongs to (the
    spokesman's department), not of the others (the president who spoke with him); else []."""
    j = v + 1
    rank = doc.toks[j].text if j + 1 < hi and not doc.in_mention(j) and doc.toks[j].text in _TITLE_HEADS | _RANKS \
        else ""
    j += bool(rank)
    if j >= hi or not doc.toks[j].word or doc.in_mention(j) or doc.table.nisba_of(doc.toks[j].text) is not None:
        return []  # (not وأضاف الوزير الفرنسي after الرئيس الفرنسي)
    if j + 1 < hi and not (_boundary(nxt := doc.toks[j + 1]) or _strip_conj(nxt.text) in _PREPS
                           or nxt.text.startswith("لل")):
        return []
    before = [k for k in range(len(doc.mentions)) if doc.mentions[k].start < doc.toks[v].start]
    person = next((k for k in reversed(before) if doc.mentions[k].actor in continued and doc.is_person(k)
                   and doc.mentions[k].kind == "alias" and doc.toks[doc.last_tok[k]].text == doc.toks[j].text
                   and (rank not in _RANKS or _bears(doc, doc.mentions[k].actor, rank))), None)  # (العماد عون)
    if person is None:
        return []
    own = doc.ancestors(doc.mentions[person].actor) & set(continued)
    last = {doc.mentions[k].actor: k for k in before if doc.mentions[k].actor in own}
    return [person, *last.values()]


def _latter(doc: _Doc, v: int, hi: int) -> int | None:
    """The mention that ``الأخيرة``/``الأخير`` right after the verb at ``v`` takes up: the last one before the verb
    (in this sentence or an earlier one) that can speak, not a place in a prepositional phrase (``والتقى أردوغان
    بوتين في موسكو، وقال الأخير``: Putin; ``وبحث لافروف مع تيلرسون …، وقال الأخير``: Tillerson); ``None`` when the
    word is not there."""
    if v + 1 >= hi or _strip_conj(doc.toks[v + 1].text) not in _LATTER or doc.in_mention(v + 1):
        return None
    before = [k for k in range(len(doc.mentions)) if doc.last_tok[k] < v and doc.can_speak(k)
              and not (doc.adjunct(k) and doc.is_place(k))]
    return max(before, key=lambda k: doc.last_tok[k], default=None)


def _head_noun(doc: _Doc, v: int, hi: int) -> int | None:
    """The mention that a definite noun alone after the verb at ``v`` takes up when it heads the name of an actor
    named before (``أفاد المرصد السوري لحقوق الإنسان …. وقال المرصد إن``; ``وأوضحت المنظمة أن`` after ``منظمة العفو
    الدولية``), the noun followed by a complementizer, a preposition or the clause's end; or the body a spokesman
    right after the verb speaks for, named so (``وقال الناطق باسم الكتائب أبو عبيدة`` after ``كتائب عز الدين
    القسام``، ``وقال الناطق الرسمي باسم الرئاسة`` after ``الرئاسة الفلسطينية``); ``None`` otherwise, after a
    subordinator and a verb whose next noun may be its object (:data:`OBJECT_VERBS`), and for the nouns of
    :data:`ANAPHORS`, which take up the last speaker."""
    j = v + 1
    if j >= hi or doc.in_mention(j) or not doc.toks[j].word or doc.word_before(v) in _NEGATIONS | _RELATIVES or (
            _strip_conj(doc.toks[v].text) in OBJECT_VERBS and doc.word_before(v) in _RESETS):
        return None  # (وفي حين ينتقد النظام، اعتمد حزب …: its object, the subject after it; من لا يعارض النظام)
    b = j + 1 + (j + 1 < hi and doc.toks[j + 1].text in ("الرسمي", "الرسميه"))  # (الناطق الرسمي باسم الرئاسة)
    if _strip_conj(doc.toks[j].text) in _SPOKESMEN and b + 1 < hi and doc.toks[b].text == "باسم":
        after = doc.toks[b + 2] if b + 2 < hi else None  # (not الحزب الكردي: another party)
        qualified = after is not None and after.word and after.text.startswith("ال") and after.text not in _RANKS
        named = any(doc.is_person(k) and b + 2 <= doc.first_tok[k] < b + 6 for k in range(len(doc.mentions)))
        return None if qualified or named else _named_before(doc, b + 1, v)  # (… باسم الوزارة إيغور كوناشينكوف)
    noun = _strip_conj(doc.toks[j].text)
    if noun in ANAPHORS or noun in _LATTER:
        return None
    if j + 1 < hi and not _noun_ends(doc.toks[j + 1]):
        return None
    return _named_before(doc, j, v)


def _listed(k: int | None) -> list[int]:
    return [] if k is None else [k]


_GROUP_NOUNS = {"الحركه", "الجماعه"}
"""Anaphors that take up a group named before by its own one-word name (``حماس``، ``الحوثيين``)."""


def _named_before(doc: _Doc, j: int, v: int, state_bound: bool = False) -> int | None:
    """The last mention before token ``v`` of an actor that can speak, of two or more words whose first word the
    definite noun at token ``j`` (in no mention) is, with or without its article (``المرصد``، ``الكتائب``), or of an
    actor one of whose names opens with that word where it is one of :data:`_GROUP_NOUNS` (``حماس`` before
    ``الحركة``: ``حركة حماس``). ``state_bound`` (``الجيش``، ``الوزارة``، ``الحركة``): not a part of a state when
    another state is named between it and the verb."""
    noun = _strip_conj(doc.toks[j].text)
    if doc.in_mention(j) or not noun.startswith("ال"):
        return None
    heads = (noun, noun[2:])

    def headed(k: int) -> bool:
        if doc.first_tok[k] < doc.last_tok[k] and doc.first_words[k] in heads:
            return True
        if noun not in _GROUP_NOUNS:  # (not السلطات، الإدارة: many states' names open with them)
            return False
        actor = doc.actor(doc.mentions[k].actor)
        return actor is not None and any(normalise_key(a).split()[0] in heads for a in actor.aliases if " " in a)

    before = [k for k in range(len(doc.mentions)) if doc.last_tok[k] < v and doc.can_speak(k) and headed(k)]
    k = max(before, key=lambda k: doc.last_tok[k], default=None)
    if k is None or not state_bound:
        return k
    own = doc.ancestors(doc.mentions[k].actor)  # (الجيش السوري …. وفي العراق، قال الجيش: Iraq's)
    return None if own and any(doc.last_tok[k] < doc.first_tok[m] < v and doc.actor_type(m) == "state"
                               and doc.mentions[m].actor not in own for m in range(len(doc.mentions))) else k


def _quote_goes_on(doc: _Doc, before: int, s_start: int, s_end: int) -> bool:
    """The sentence goes on with a quotation that the sentence before opened (``وقال غروندبرغ: "تشمل الهدنة …. كما
    اتفق الطرفان …"``): its first quotation mark closes one. (Only after a sentence that credited someone: a
    quotation of a speaker the table lacks is nobody's.)"""
    lo, hi = doc.token_range(s_start, s_end)
    marks = [t.text for t in doc.toks[lo:hi] if not t.word and t.text in _QUOTES]
    if not marks or marks[0] in _OPEN_QUOTES:
        return False
    if marks[0] in _CLOSE_QUOTES:
        return True
    b_lo, _ = doc.token_range(before, s_start)
    return sum(t.text == '"' for t in doc.toks[b_lo:lo]) % 2 == 1 and marks.count('"') % 2 == 1


def _is_bare_quote(doc: _Doc, s_start: int, s_end: int) -> bool:
    """The sentence opens with a quotation mark (one around a name opens none)."""
    lo, hi = doc.token_range(s_start, s_end)
    return lo < hi and doc.toks[lo].text in _OPEN_QUOTES | {'"'}
